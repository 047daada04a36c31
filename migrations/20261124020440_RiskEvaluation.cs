using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RiskEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "risk_evaluation_results",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    participants_evaluated = table.Column<int>(type: "integer", nullable: false),
                    flags_raised = table.Column<int>(type: "integer", nullable: false),
                    flags_updated = table.Column<int>(type: "integer", nullable: false),
                    flags_resolved = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_evaluation_results", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_risk_evaluation_results_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_evaluation_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    trigger = table.Column<int>(type: "integer", nullable: false),
                    node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    municipalities = table.Column<int>(type: "integer", nullable: false),
                    failed_municipalities = table.Column<int>(type: "integer", nullable: false),
                    participants_evaluated = table.Column<int>(type: "integer", nullable: false),
                    flags_raised = table.Column<int>(type: "integer", nullable: false),
                    flags_updated = table.Column<int>(type: "integer", nullable: false),
                    flags_resolved = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_evaluation_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_risk_evaluation_results_tenant_id_started_at",
                table: "risk_evaluation_results",
                columns: new[] { "tenant_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_evaluation_runs_started_at",
                table: "risk_evaluation_runs",
                column: "started_at");

            migrationBuilder.EnableTenantPolicy("risk_evaluation_results");
            // This migration once also ran Quartz's schema script (the scheduler before Hangfire). Quartz is gone and
            // 20261205140944_HangfireJobs drops its tables where they exist, so a fresh database skips them: what this
            // step needs, frozen, is nothing (docs/decisions/0004-hangfire-for-background-jobs.md).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "risk_evaluation_results");

            migrationBuilder.DropTable(
                name: "risk_evaluation_runs");
        }
    }
}
