using IntroProgram.Domain.Programme;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntroProgram.Infrastructure.Reporting;

/// <summary>
/// One value of the base amount G as stored: a platform table (the same G for every municipality), kept by the platform
/// operator so a new G each May needs no release.
/// </summary>
public class BaseAmountRow
{
    public DateOnly EffectiveFrom { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>The operator who last set this row; null for the values shipped with the migration.</summary>
    public Guid? ChangedBy { get; set; }

    public BaseAmount ToDomain() => new(EffectiveFrom, Amount);
}

internal sealed class BaseAmountRowConfiguration : IEntityTypeConfiguration<BaseAmountRow>
{
    public void Configure(EntityTypeBuilder<BaseAmountRow> b)
    {
        b.ToTable("base_amounts", t => t.HasCheckConstraint("ck_base_amounts_amount_positive", "amount > 0"));
        b.HasKey(r => r.EffectiveFrom);
        b.Property(r => r.Amount).HasPrecision(12, 2);
    }
}
