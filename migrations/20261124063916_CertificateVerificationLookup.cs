using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CertificateVerificationLookup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "certificate_verifications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            // The lookup keeps a hash of each code, so reading the table does not open any verification page.
            // Reads need no municipality (the public page has none); a row is written only for the session's own.
            migrationBuilder.Sql("""
                UPDATE certificate_verifications SET code = encode(sha256(convert_to(code, 'UTF8')), 'hex') WHERE length(code) = 32;
                ALTER TABLE certificate_verifications ENABLE ROW LEVEL SECURITY;
                ALTER TABLE certificate_verifications FORCE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS public_lookup ON certificate_verifications;
                DROP POLICY IF EXISTS tenant_insert ON certificate_verifications;
                CREATE POLICY public_lookup ON certificate_verifications FOR SELECT USING (true);
                CREATE POLICY tenant_insert ON certificate_verifications FOR INSERT WITH CHECK (tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP POLICY IF EXISTS public_lookup ON certificate_verifications;
                DROP POLICY IF EXISTS tenant_insert ON certificate_verifications;
                ALTER TABLE certificate_verifications NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE certificate_verifications DISABLE ROW LEVEL SECURITY;
                """);
            migrationBuilder.AlterColumn<string>(
                name: "code",
                table: "certificate_verifications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }
    }
}
