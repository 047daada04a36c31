using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class HangfireJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "job_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    job_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    taken_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_job_requests_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_job_requests_subject_id",
                table: "job_requests",
                column: "subject_id");

            migrationBuilder.CreateIndex(
                name: "ix_job_requests_waiting",
                table: "job_requests",
                column: "requested_at",
                filter: "started_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ux_job_requests_one_waiting_evaluation",
                table: "job_requests",
                column: "tenant_id",
                unique: true,
                filter: "kind = 1 AND started_at IS NULL");

            migrationBuilder.EnableTenantOrPlatformPolicy("job_requests");

            // Batches Quartz had queued or was running when the app was upgraded become requests, which the sweep
            // hands to Hangfire: none is left waiting for a scheduler that is gone. Row-level security binds the owner
            // too, so each municipality's batches are read under its own id.
            migrationBuilder.Sql("""
                DO $$
                DECLARE m uuid;
                BEGIN
                    FOR m IN SELECT id FROM municipalities LOOP
                        PERFORM set_config('app.tenant_id', m::text, true);
                        INSERT INTO job_requests (id, kind, tenant_id, subject_id, requested_at)
                        SELECT gen_random_uuid(), 2, b.tenant_id, b.id, b.requested_at
                        FROM certificate_batches b WHERE b.status IN (0, 1);
                    END LOOP;
                    PERFORM set_config('app.tenant_id', '', true);
                END $$;
                """);

            // Quartz's tables go; Hangfire's live in their own schema, installed by the migrate command.
            migrationBuilder.Sql("""
                DO $$
                DECLARE t text;
                BEGIN
                    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'qrtz\_%' LOOP
                        EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', t);
                    END LOOP;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_requests");
        }
    }
}
