using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class IndividualPlanAndMapping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "competence_mappings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    schooling_years = table.Column<int>(type: "integer", nullable: true),
                    highest_education = table.Column<int>(type: "integer", nullable: false),
                    schooling_country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    documented_qualifications = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    undocumented_qualifications = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    holds_qualifications_passport = table.Column<bool>(type: "boolean", nullable: false),
                    foreign_education_recognised = table.Column<bool>(type: "boolean", nullable: false),
                    latin_literacy = table.Column<int>(type: "integer", nullable: true),
                    own_wishes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    languages = table.Column<string>(type: "jsonb", nullable: true),
                    work_experience = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competence_mappings", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_competence_mappings_schooling_years", "schooling_years IS NULL OR schooling_years BETWEEN 0 AND 30");
                    table.CheckConstraint("ck_competence_mappings_version", "version >= 1");
                    table.ForeignKey(
                        name: "fk_competence_mappings_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "individual_plans",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    goal = table.Column<int>(type: "integer", nullable: false),
                    goal_description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    target_date = table.Column<DateOnly>(type: "date", nullable: false),
                    norwegian_level = table.Column<int>(type: "integer", nullable: false),
                    review_dates = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    measures = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_individual_plans", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_individual_plans_version", "version >= 1");
                    table.ForeignKey(
                        name: "fk_individual_plans_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_competence_mappings_tenant_id_participant_id_version",
                table: "competence_mappings",
                columns: new[] { "tenant_id", "participant_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_individual_plans_tenant_id_participant_id_version",
                table: "individual_plans",
                columns: new[] { "tenant_id", "participant_id", "version" },
                unique: true);

            migrationBuilder.EnableTenantPolicy("competence_mappings");
            migrationBuilder.EnableTenantPolicy("individual_plans");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "competence_mappings");

            migrationBuilder.DropTable(
                name: "individual_plans");
        }
    }
}
