using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RequirementDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The days themselves are worked out after the schema by the migration command
            // (DatabaseMigrator → RequirementDays.RefreshStaleEverywhereAsync): the requirements are in the rule-set catalog.
            migrationBuilder.AddColumn<DateOnly>(
                name: "norwegian_reached_on",
                table: "participant_totals",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reached_rule_set_id",
                table: "participant_totals",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "social_studies_reached_on",
                table: "participant_totals",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "norwegian_reached_on",
                table: "participant_totals");

            migrationBuilder.DropColumn(
                name: "reached_rule_set_id",
                table: "participant_totals");

            migrationBuilder.DropColumn(
                name: "social_studies_reached_on",
                table: "participant_totals");
        }
    }
}
