using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ListByNorwegianHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_participant_totals_tenant_id_norwegian_hours_participant_id",
                table: "participant_totals",
                columns: new[] { "tenant_id", "norwegian_hours", "participant_id" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_participant_totals_tenant_id_norwegian_hours_participant_id",
                table: "participant_totals");
        }
    }
}
