using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <summary>
    /// Federated sign-in (issue 19).
    /// <list type="bullet">
    /// <item><c>staff_sign_in_providers</c>: a municipality's own OpenID provider for its staff, under the tenant policy.</item>
    /// <item><c>app_find_participant_homes</c>: which municipalities have a participant with a national id. The hash is
    /// keyed per municipality, so the app passes one (municipality, hash) pair per municipality; the function looks in
    /// each municipality with that municipality bound (row-level security stays on, the owner is FORCEd too) and
    /// answers only the municipality, the participant id and what the "current programme wins" rule needs.</item>
    /// </list>
    /// </summary>
    public partial class SignInProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "staff_sign_in_providers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    authority = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    client_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    client_secret_protected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    email_claim = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    password_sign_in_allowed = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_sign_in_providers", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_staff_sign_in_providers_municipalities_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "municipalities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.EnableTenantPolicy("staff_sign_in_providers");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION app_find_participant_homes(tenants uuid[], hashes bytea[])
                    RETURNS TABLE(tenant_id uuid, participant_id uuid, status integer, programme_start date)
                    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
                    SET search_path = pg_catalog, public
                AS $$
                #variable_conflict use_column
                DECLARE
                    previous text := coalesce(current_setting('app.tenant_id', true), '');
                    i integer;
                BEGIN
                    IF tenants IS NULL OR hashes IS NULL
                       OR coalesce(array_length(tenants, 1), 0) <> coalesce(array_length(hashes, 1), 0)
                       OR coalesce(array_length(tenants, 1), 0) > 2000 THEN
                        RETURN;
                    END IF;
                    FOR i IN 1 .. coalesce(array_length(tenants, 1), 0) LOOP
                        -- Each municipality is read with itself bound: its own row-level security decides.
                        PERFORM set_config('app.tenant_id', tenants[i]::text, true);
                        RETURN QUERY SELECT p.tenant_id, p.id, p.status, p.programme_start
                            FROM public.participants p
                            WHERE p.tenant_id = tenants[i] AND p.national_id_hash = hashes[i];
                    END LOOP;
                    PERFORM set_config('app.tenant_id', previous, true);
                END $$;
                REVOKE ALL ON FUNCTION app_find_participant_homes(uuid[], bytea[]) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS app_find_participant_homes(uuid[], bytea[]);");
            migrationBuilder.DropTable(
                name: "staff_sign_in_providers");
        }
    }
}
