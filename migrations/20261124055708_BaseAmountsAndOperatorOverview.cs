using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class BaseAmountsAndOperatorOverview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "base_amounts",
                columns: table => new
                {
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_base_amounts", x => x.effective_from);
                    table.CheckConstraint("ck_base_amounts_amount_positive", "amount > 0");
                });

            // G as adopted 2020–2025 (each from 1 May); the platform operator adds each new year's G in the app.
            foreach (var (from, amount) in new[]
            {
                (new DateOnly(2020, 5, 1), 101_351m), (new DateOnly(2021, 5, 1), 106_399m), (new DateOnly(2022, 5, 1), 111_477m),
                (new DateOnly(2023, 5, 1), 118_620m), (new DateOnly(2024, 5, 1), 124_028m), (new DateOnly(2025, 5, 1), 130_160m),
            })
            {
                migrationBuilder.InsertData(
                    table: "base_amounts",
                    columns: ["effective_from", "amount", "changed_at"],
                    values: new object[] { from, amount, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero) });
            }

            // The operator's overview: numbers only, gathered municipality by municipality under the same row-level
            // security as everything else (like platform_tenant_usage: the function runs as its caller, sets each
            // municipality in turn and restores the session). Never a name, never an id of a person.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION platform_tenant_overview()
                    RETURNS TABLE(municipality_id uuid, user_count bigint, participant_count bigint,
                                  active_participant_count bigint, open_flag_count bigint,
                                  last_evaluation_at timestamptz, last_evaluation_failed boolean)
                    LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public AS $$
                DECLARE
                    m record;
                    previous text := coalesce(current_setting('app.tenant_id', true), '');
                BEGIN
                    FOR m IN SELECT id FROM municipalities ORDER BY id LOOP
                        PERFORM set_config('app.tenant_id', m.id::text, true);
                        municipality_id := m.id;
                        SELECT count(*) INTO user_count FROM users u WHERE u.tenant_id = m.id;
                        SELECT count(*), count(*) FILTER (WHERE p.status IN (1, 2))
                            INTO participant_count, active_participant_count
                            FROM participants p WHERE p.tenant_id = m.id;
                        SELECT count(*) INTO open_flag_count FROM risk_flags f WHERE f.tenant_id = m.id AND f.resolved_at IS NULL;
                        SELECT r.finished_at, r.error IS NOT NULL INTO last_evaluation_at, last_evaluation_failed
                            FROM risk_evaluation_results r WHERE r.tenant_id = m.id
                            ORDER BY r.started_at DESC LIMIT 1;
                        IF NOT FOUND THEN
                            last_evaluation_at := NULL;
                            last_evaluation_failed := NULL;
                        END IF;
                        RETURN NEXT;
                    END LOOP;
                    PERFORM set_config('app.tenant_id', previous, true);
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS platform_tenant_overview();");
            migrationBuilder.DropTable(
                name: "base_amounts");
        }
    }
}
