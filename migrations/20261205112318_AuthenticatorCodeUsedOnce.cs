using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IntroProgram.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class AuthenticatorCodeUsedOnce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The time step of the last accepted authenticator code per user: that code and earlier ones are refused.
            migrationBuilder.AddColumn<long>(
                name: "authenticator_time_step",
                table: "users",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "authenticator_time_step",
                table: "users");
        }
    }
}
