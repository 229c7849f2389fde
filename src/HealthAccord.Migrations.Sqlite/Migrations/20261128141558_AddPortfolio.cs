using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthAccord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPortfolio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "NeedsReview",
                table: "Organisations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Grants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Identifier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AmountAwarded = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    AmountEur = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    EurRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: true),
                    EurRateDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AwardDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PlannedEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Programme = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Call = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SourceDataset = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SourceRow = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RowsRead = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantsImported = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsInvalid = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationIdentifiers",
                columns: table => new
                {
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationIdentifiers", x => x.Value);
                    table.ForeignKey(
                        name: "FK_OrganisationIdentifiers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantCategories",
                columns: table => new
                {
                    GrantId = table.Column<long>(type: "INTEGER", nullable: false),
                    HrcsCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantCategories", x => new { x.GrantId, x.HrcsCode });
                    table.ForeignKey(
                        name: "FK_GrantCategories_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantCountries",
                columns: table => new
                {
                    GrantId = table.Column<long>(type: "INTEGER", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantCountries", x => new { x.GrantId, x.CountryCode });
                    table.ForeignKey(
                        name: "FK_GrantCountries_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GrantCountries_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantParticipants",
                columns: table => new
                {
                    GrantId = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Share = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantParticipants", x => new { x.GrantId, x.Position });
                    table.ForeignKey(
                        name: "FK_GrantParticipants_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GrantParticipants_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GrantPartnerships",
                columns: table => new
                {
                    GrantId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnershipsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantPartnerships", x => new { x.GrantId, x.PartnershipsId });
                    table.ForeignKey(
                        name: "FK_GrantPartnerships_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GrantPartnerships_Partnerships_PartnershipsId",
                        column: x => x.PartnershipsId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GrantPathogens",
                columns: table => new
                {
                    GrantId = table.Column<long>(type: "INTEGER", nullable: false),
                    Pathogen = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GrantPathogens", x => new { x.GrantId, x.Pathogen });
                    table.ForeignKey(
                        name: "FK_GrantPathogens_Grants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "Grants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GrantCountries_CountryCode",
                table: "GrantCountries",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_GrantParticipants_OrganisationId_Role",
                table: "GrantParticipants",
                columns: new[] { "OrganisationId", "Role" });

            migrationBuilder.CreateIndex(
                name: "IX_GrantPartnerships_PartnershipsId",
                table: "GrantPartnerships",
                column: "PartnershipsId");

            migrationBuilder.CreateIndex(
                name: "IX_GrantPathogens_Pathogen",
                table: "GrantPathogens",
                column: "Pathogen");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_AwardDate",
                table: "Grants",
                column: "AwardDate");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_Identifier",
                table: "Grants",
                column: "Identifier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationIdentifiers_OrganisationId",
                table: "OrganisationIdentifiers",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GrantCategories");

            migrationBuilder.DropTable(
                name: "GrantCountries");

            migrationBuilder.DropTable(
                name: "GrantParticipants");

            migrationBuilder.DropTable(
                name: "GrantPartnerships");

            migrationBuilder.DropTable(
                name: "GrantPathogens");

            migrationBuilder.DropTable(
                name: "ImportRuns");

            migrationBuilder.DropTable(
                name: "OrganisationIdentifiers");

            migrationBuilder.DropTable(
                name: "Grants");

            migrationBuilder.DropColumn(
                name: "NeedsReview",
                table: "Organisations");
        }
    }
}
