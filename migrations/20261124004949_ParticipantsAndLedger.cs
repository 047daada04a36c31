using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ParticipantsAndLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_events_tenant_id",
                table: "audit_events");

            migrationBuilder.CreateTable(
                name: "class_sessions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    attended_count = table.Column<int>(type: "integer", nullable: false),
                    absent_count = table.Column<int>(type: "integer", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_class_sessions", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "form_submissions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    result_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_submissions", x => new { x.tenant_id, x.token });
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    file_sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    row_count = table.Column<int>(type: "integer", nullable: false),
                    imported_count = table.Column<int>(type: "integer", nullable: false),
                    skipped_count = table.Column<int>(type: "integer", nullable: false),
                    imported_hours = table.Column<decimal>(type: "numeric(11,2)", precision: 11, scale: 2, nullable: false),
                    imported_by = table.Column<Guid>(type: "uuid", nullable: true),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "participants",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    national_id_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    national_id_protected = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    national_id_masked = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    national_id_kind = table.Column<int>(type: "integer", nullable: false),
                    gender = table.Column<int>(type: "integer", nullable: false),
                    country_of_origin = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    preferred_language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    social_studies_language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    permit_date = table.Column<DateOnly>(type: "date", nullable: false),
                    settlement_date = table.Column<DateOnly>(type: "date", nullable: false),
                    rule_set_id = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    programme_start = table.Column<DateOnly>(type: "date", nullable: true),
                    planned_end = table.Column<DateOnly>(type: "date", nullable: true),
                    evidence_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    extended_to = table.Column<DateOnly>(type: "date", nullable: true),
                    extra_norwegian_hours_granted = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    status_changed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    education_background = table.Column<int>(type: "integer", nullable: false),
                    end_goal = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    research_opt_out = table.Column<bool>(type: "boolean", nullable: false),
                    coordinator_id = table.Column<Guid>(type: "uuid", nullable: true),
                    caseworker_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_participants", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_participants_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "absence_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    excused = table.Column<bool>(type: "boolean", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    class_session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    voided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    voided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    void_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_absence_entries", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_absence_entries_class_sessions_tenant_id_class_session_id",
                        columns: x => new { x.tenant_id, x.class_session_id },
                        principalTable: "class_sessions",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_absence_entries_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: true),
                    period_end = table.Column<DateOnly>(type: "date", nullable: true),
                    leave_type = table.Column<int>(type: "integer", nullable: true),
                    extended_to = table.Column<DateOnly>(type: "date", nullable: true),
                    extra_hours_total = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_decisions_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hour_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    hours = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    class_session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    import_batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    external_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    voided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    voided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    void_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hour_entries", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_hour_entries_class_sessions_tenant_id_class_session_id",
                        columns: x => new { x.tenant_id, x.class_session_id },
                        principalTable: "class_sessions",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hour_entries_import_batches_tenant_id_import_batch_id",
                        columns: x => new { x.tenant_id, x.import_batch_id },
                        principalTable: "import_batches",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_hour_entries_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "participant_totals",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    norwegian_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    social_studies_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    career_guidance_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    work_oriented_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    education_oriented_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    extra_norwegian_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    unexcused_absence_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    excused_absence_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    last_entry_date = table.Column<DateOnly>(type: "date", nullable: true),
                    live_entry_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_participant_totals", x => new { x.tenant_id, x.participant_id });
                    table.ForeignKey(
                        name: "fk_participant_totals_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "participant_weeks",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    norwegian_hours = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    social_studies_hours = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    other_hours = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_participant_weeks", x => new { x.tenant_id, x.participant_id, x.week_start });
                    table.ForeignKey(
                        name: "fk_participant_weeks_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_flags",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    facts = table.Column<string>(type: "jsonb", nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    acknowledgement_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_flags", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_risk_flags_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "test_results",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    taken_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reading = table.Column<int>(type: "integer", nullable: true),
                    listening = table.Column<int>(type: "integer", nullable: true),
                    writing = table.Column<int>(type: "integer", nullable: true),
                    oral = table.Column<int>(type: "integer", nullable: true),
                    passed = table.Column<bool>(type: "boolean", nullable: true),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_test_results", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_test_results_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_absence_entries_tenant_id_class_session_id",
                table: "absence_entries",
                columns: new[] { "tenant_id", "class_session_id" });

            migrationBuilder.CreateIndex(
                name: "ix_absence_entries_tenant_id_participant_id_date",
                table: "absence_entries",
                columns: new[] { "tenant_id", "participant_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_class_sessions_tenant_id_date",
                table: "class_sessions",
                columns: new[] { "tenant_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_tenant_id_participant_id_decided_on",
                table: "decisions",
                columns: new[] { "tenant_id", "participant_id", "decided_on" });

            migrationBuilder.CreateIndex(
                name: "ix_hour_entries_tenant_id_class_session_id",
                table: "hour_entries",
                columns: new[] { "tenant_id", "class_session_id" },
                filter: "class_session_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_hour_entries_tenant_id_external_ref",
                table: "hour_entries",
                columns: new[] { "tenant_id", "external_ref" },
                unique: true,
                filter: "external_ref IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_hour_entries_tenant_id_import_batch_id",
                table: "hour_entries",
                columns: new[] { "tenant_id", "import_batch_id" });

            migrationBuilder.CreateIndex(
                name: "ix_hour_entries_tenant_id_participant_id_date",
                table: "hour_entries",
                columns: new[] { "tenant_id", "participant_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_import_batches_tenant_id_file_sha256",
                table: "import_batches",
                columns: new[] { "tenant_id", "file_sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_participants_tenant_id_coordinator_id",
                table: "participants",
                columns: new[] { "tenant_id", "coordinator_id" });

            migrationBuilder.CreateIndex(
                name: "ix_participants_tenant_id_national_id_hash",
                table: "participants",
                columns: new[] { "tenant_id", "national_id_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_participants_tenant_id_status_family_name",
                table: "participants",
                columns: new[] { "tenant_id", "status", "family_name" });

            migrationBuilder.CreateIndex(
                name: "ix_participants_tenant_id_user_id",
                table: "participants",
                columns: new[] { "tenant_id", "user_id" },
                unique: true,
                filter: "user_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_risk_flags_tenant_id_participant_id_rule",
                table: "risk_flags",
                columns: new[] { "tenant_id", "participant_id", "rule" },
                unique: true,
                filter: "resolved_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_test_results_tenant_id_participant_id_taken_on",
                table: "test_results",
                columns: new[] { "tenant_id", "participant_id", "taken_on" });
            migrationBuilder.EnableTenantPolicy("participants");
            migrationBuilder.EnableTenantPolicy("participant_totals");
            migrationBuilder.EnableTenantPolicy("participant_weeks");
            migrationBuilder.EnableTenantPolicy("hour_entries");
            migrationBuilder.EnableTenantPolicy("absence_entries");
            migrationBuilder.EnableTenantPolicy("class_sessions");
            migrationBuilder.EnableTenantPolicy("import_batches");
            migrationBuilder.EnableTenantPolicy("form_submissions");
            migrationBuilder.EnableTenantPolicy("decisions");
            migrationBuilder.EnableTenantPolicy("test_results");
            migrationBuilder.EnableTenantPolicy("risk_flags");

            // The ledger is append-only: an entry or absence can be voided once (who, when, why), nothing else changes.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION ledger_row_void_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.voided_at IS NOT NULL THEN
                        RAISE EXCEPTION 'ledger rows cannot change once voided' USING ERRCODE = 'check_violation';
                    END IF;
                    IF NEW.voided_at IS NULL OR NEW.voided_by IS NULL OR NEW.void_reason IS NULL THEN
                        RAISE EXCEPTION 'a ledger row can only be voided, with who and why' USING ERRCODE = 'check_violation';
                    END IF;
                    IF (to_jsonb(NEW) - ARRAY['voided_at','voided_by','void_reason']) <> (to_jsonb(OLD) - ARRAY['voided_at','voided_by','void_reason']) THEN
                        RAISE EXCEPTION 'ledger rows are never edited; void and log a new one' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER hour_entries_void_only BEFORE UPDATE ON hour_entries FOR EACH ROW EXECUTE FUNCTION ledger_row_void_only();
                CREATE TRIGGER absence_entries_void_only BEFORE UPDATE ON absence_entries FOR EACH ROW EXECUTE FUNCTION ledger_row_void_only();
                ALTER TABLE hour_entries ADD CONSTRAINT ck_hour_entries_hours CHECK (hours > 0 AND hours <= 24 AND hours * 4 = trunc(hours * 4));
                ALTER TABLE absence_entries ADD CONSTRAINT ck_absence_entries_hours CHECK (hours > 0 AND hours <= 24 AND hours * 4 = trunc(hours * 4));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS hour_entries_void_only ON hour_entries; DROP TRIGGER IF EXISTS absence_entries_void_only ON absence_entries; DROP FUNCTION IF EXISTS ledger_row_void_only();");

            migrationBuilder.DropTable(
                name: "absence_entries");

            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "form_submissions");

            migrationBuilder.DropTable(
                name: "hour_entries");

            migrationBuilder.DropTable(
                name: "participant_totals");

            migrationBuilder.DropTable(
                name: "participant_weeks");

            migrationBuilder.DropTable(
                name: "risk_flags");

            migrationBuilder.DropTable(
                name: "test_results");

            migrationBuilder.DropTable(
                name: "class_sessions");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "participants");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_tenant_id",
                table: "audit_events",
                column: "tenant_id");
        }
    }
}
