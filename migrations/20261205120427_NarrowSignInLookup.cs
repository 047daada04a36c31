using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <summary>
    /// The sign-in lookup narrowed to what sign-in needs, and identity rows closed to sessions without a municipality.
    /// <list type="bullet">
    /// <item>Before: any app-role session could set <c>app.login_lookup</c> to an address and read that user's whole
    /// row (password hash, security stamp) in any municipality. Now the policy applies to the owning role only, inside
    /// <c>app_find_login</c>, a SECURITY DEFINER function that returns the user id and municipality and nothing else.</item>
    /// <item>Before: a session with no municipality read and updated the platform operators' rows. Now that takes the
    /// platform flag (<c>app.platform</c>), which the app sets only for platform scopes.</item>
    /// </list>
    /// </summary>
    public partial class NarrowSignInLookup : Migration
    {
        private static readonly string[] IdentityTables = ["users", "user_roles", "user_claims", "user_logins", "user_tokens"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RowLevelSecurity.PlatformFunction);
            foreach (var table in IdentityTables)
            {
                migrationBuilder.EnableIdentityPolicy(table);
            }
            // The lookup policy now serves the owning role, i.e. the function below, and no one else. The function sets
            // app.login_lookup for its own query and puts the caller's value back (a function's SET clause would do
            // that too, but a custom setting there needs a superuser to create the function).
            migrationBuilder.Sql("""
                DROP POLICY IF EXISTS login_lookup ON users;
                CREATE POLICY login_lookup ON users FOR SELECT TO CURRENT_USER
                    USING (normalized_email = app_login_lookup() OR id::text = app_login_lookup());

                CREATE OR REPLACE FUNCTION app_find_login(lookup text)
                    RETURNS TABLE(user_id uuid, tenant_id uuid)
                    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
                    SET search_path = pg_catalog, public
                AS $$
                #variable_conflict use_column
                DECLARE
                    previous text := coalesce(current_setting('app.login_lookup', true), '');
                BEGIN
                    IF lookup IS NULL OR lookup = '' THEN
                        RETURN;
                    END IF;
                    PERFORM set_config('app.login_lookup', lookup, true);
                    IF lookup ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
                        RETURN QUERY SELECT u.id, u.tenant_id FROM public.users u WHERE u.id = lookup::uuid;
                    ELSE
                        RETURN QUERY SELECT u.id, u.tenant_id FROM public.users u WHERE u.normalized_email = lookup;
                    END IF;
                    PERFORM set_config('app.login_lookup', previous, true);
                END $$;
                REVOKE ALL ON FUNCTION app_find_login(text) FROM PUBLIC;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS app_find_login(text);
                DROP POLICY IF EXISTS login_lookup ON users;
                CREATE POLICY login_lookup ON users FOR SELECT
                    USING (normalized_email = app_login_lookup() OR id::text = app_login_lookup());
                """);
            foreach (var table in IdentityTables)
            {
                migrationBuilder.EnableUserScopePolicy(table);
            }
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS app_platform_session();");
        }
    }
}
