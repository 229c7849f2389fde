using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthAccord.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddBriefingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GrantPathogens_Pathogen",
                table: "GrantPathogens");

            migrationBuilder.CreateIndex(
                name: "IX_GrantPathogens_Pathogen_GrantId",
                table: "GrantPathogens",
                columns: new[] { "Pathogen", "GrantId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GrantPathogens_Pathogen_GrantId",
                table: "GrantPathogens");

            migrationBuilder.CreateIndex(
                name: "IX_GrantPathogens_Pathogen",
                table: "GrantPathogens",
                column: "Pathogen");
        }
    }
}
