using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "certificate_batches",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    issued = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_batches", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_certificate_batches_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificate_number_series",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_number_series", x => new { x.tenant_id, x.year });
                    table.ForeignKey(
                        name: "fk_certificate_number_series_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificate_verifications",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    certificate_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificate_verifications", x => x.code);
                    table.ForeignKey(
                        name: "fk_certificate_verifications_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    participant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    verification_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: true),
                    issuer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issuer_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    municipality_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    municipality_number = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    holder_initials = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    holder_birth_year = table.Column<int>(type: "integer", nullable: false),
                    programme_start = table.Column<DateOnly>(type: "date", nullable: true),
                    programme_end = table.Column<DateOnly>(type: "date", nullable: true),
                    evidence_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    norwegian_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    social_studies_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    extra_norwegian_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    career_guidance_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    work_oriented_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    education_oriented_hours = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<byte[]>(type: "bytea", nullable: false),
                    replaces_id = table.Column<Guid>(type: "uuid", nullable: true),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<Guid>(type: "uuid", nullable: true),
                    revocation_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_certificates", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_certificates_sequence_positive", "sequence > 0");
                    table.CheckConstraint("ck_certificates_sha256_length", "octet_length(sha256) = 32");
                    table.ForeignKey(
                        name: "fk_certificates_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_certificates_participants_tenant_id_participant_id",
                        columns: x => new { x.tenant_id, x.participant_id },
                        principalTable: "participants",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_certificate_batches_tenant_id_requested_at",
                table: "certificate_batches",
                columns: new[] { "tenant_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_certificate_verifications_tenant_id",
                table: "certificate_verifications",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_tenant_id_issued_on",
                table: "certificates",
                columns: new[] { "tenant_id", "issued_on" });

            migrationBuilder.CreateIndex(
                name: "ix_certificates_tenant_id_number",
                table: "certificates",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_certificates_tenant_id_participant_id_kind",
                table: "certificates",
                columns: new[] { "tenant_id", "participant_id", "kind" },
                unique: true,
                filter: "revoked_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_certificates_tenant_id_year_sequence",
                table: "certificates",
                columns: new[] { "tenant_id", "year", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_certificates_verification_code",
                table: "certificates",
                column: "verification_code",
                unique: true);

            migrationBuilder.EnableTenantPolicy("certificates");
            migrationBuilder.EnableTenantPolicy("certificate_batches");
            migrationBuilder.EnableTenantPolicy("certificate_number_series");

            // An issued certificate is immutable: only the revocation columns may be set, once, with who and why.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION certificate_revocation_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.revoked_at IS NOT NULL THEN
                        RAISE EXCEPTION 'a revoked certificate cannot change' USING ERRCODE = 'check_violation';
                    END IF;
                    IF NEW.revoked_at IS NULL OR NEW.revoked_by IS NULL OR NEW.revocation_reason IS NULL THEN
                        RAISE EXCEPTION 'a certificate can only be revoked, with who and why' USING ERRCODE = 'check_violation';
                    END IF;
                    IF (to_jsonb(NEW) - ARRAY['revoked_at','revoked_by','revocation_reason']) <> (to_jsonb(OLD) - ARRAY['revoked_at','revoked_by','revocation_reason']) THEN
                        RAISE EXCEPTION 'an issued certificate is never edited; revoke it and issue a new one' USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER certificates_revocation_only BEFORE UPDATE ON certificates FOR EACH ROW EXECUTE FUNCTION certificate_revocation_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS certificates_revocation_only ON certificates; DROP FUNCTION IF EXISTS certificate_revocation_only();");
            migrationBuilder.DropTable(
                name: "certificate_batches");

            migrationBuilder.DropTable(
                name: "certificate_number_series");

            migrationBuilder.DropTable(
                name: "certificate_verifications");

            migrationBuilder.DropTable(
                name: "certificates");
        }
    }
}
