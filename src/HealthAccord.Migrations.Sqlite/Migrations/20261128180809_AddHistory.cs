using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthAccord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RevertOfId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeSets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChangeSets_ChangeSets_RevertOfId",
                        column: x => x.RevertOfId,
                        principalTable: "ChangeSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecordChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChangeSetId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    Fields = table.Column<string>(type: "TEXT", nullable: false),
                    PartnershipId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordChanges_ChangeSets_ChangeSetId",
                        column: x => x.ChangeSetId,
                        principalTable: "ChangeSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeSets_ActorId",
                table: "ChangeSets",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeSets_At",
                table: "ChangeSets",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeSets_RevertOfId",
                table: "ChangeSets",
                column: "RevertOfId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordChanges_ChangeSetId",
                table: "RecordChanges",
                column: "ChangeSetId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordChanges_OrganisationId",
                table: "RecordChanges",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordChanges_PartnershipId",
                table: "RecordChanges",
                column: "PartnershipId");

            migrationBuilder.CreateIndex(
                name: "IX_RecordChanges_RecordType_RecordId",
                table: "RecordChanges",
                columns: new[] { "RecordType", "RecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecordChanges");

            migrationBuilder.DropTable(
                name: "ChangeSets");
        }
    }
}
