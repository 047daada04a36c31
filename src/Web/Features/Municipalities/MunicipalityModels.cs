namespace IntroProgram.Web.Features.Municipalities;

public sealed record MunicipalityRow(Guid Id, string Name, string Number, string Slug, bool IsActive, bool RequireTwoFactor, long Users);

/// <summary>
/// A new municipality and its first admin; what it accepts is in <see cref="CreateMunicipalityModelValidator"/>. The
/// fields are nullable so that the framework adds no "required" of its own beside the validator's.
/// </summary>
public sealed class CreateMunicipalityModel
{
    public string? Name { get; set; }
    public string? Number { get; set; }
    public string? Slug { get; set; }
    public string? AdminName { get; set; }
    public string? AdminEmail { get; set; }
}
