using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthAccord.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddOutbreaks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OutbreakId",
                table: "Measurements",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FunderContacts",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WebhookSecret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FunderContacts", x => x.OrganisationId);
                    table.ForeignKey(
                        name: "FK_FunderContacts_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Outbreaks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PathogenCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PathogenNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TriggeredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeclaredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeclaredById = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DeclaredByName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    WhoGrading = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsPheic = table.Column<bool>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    QuorumShare = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    ConvenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConveningNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbreaks", x => x.Id);
                    table.CheckConstraint("CK_Outbreaks_QuorumShare", "\"QuorumShare\" > 0 AND \"QuorumShare\" <= 1");
                });

            migrationBuilder.CreateTable(
                name: "OutbreakCountries",
                columns: table => new
                {
                    OutbreakId = table.Column<int>(type: "INTEGER", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutbreakCountries", x => new { x.OutbreakId, x.CountryCode });
                    table.ForeignKey(
                        name: "FK_OutbreakCountries_Countries_CountryCode",
                        column: x => x.CountryCode,
                        principalTable: "Countries",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutbreakCountries_Outbreaks_OutbreakId",
                        column: x => x.OutbreakId,
                        principalTable: "Outbreaks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutbreakPartnerships",
                columns: table => new
                {
                    OutbreakId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnershipsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutbreakPartnerships", x => new { x.OutbreakId, x.PartnershipsId });
                    table.ForeignKey(
                        name: "FK_OutbreakPartnerships_Outbreaks_OutbreakId",
                        column: x => x.OutbreakId,
                        principalTable: "Outbreaks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutbreakPartnerships_Partnerships_PartnershipsId",
                        column: x => x.PartnershipsId,
                        principalTable: "Partnerships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutbreakResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutbreakId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WillJoinConvening = table.Column<bool>(type: "INTEGER", nullable: true),
                    ConveningAnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CommitmentAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    CommitmentCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    CommitmentNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CommitmentUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CommittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutbreakResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutbreakResponses_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OutbreakResponses_Outbreaks_OutbreakId",
                        column: x => x.OutbreakId,
                        principalTable: "Outbreaks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    DeduplicationKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    OutbreakId = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LockedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LockedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AbandonedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_OutbreakResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "OutbreakResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_Outbreaks_OutbreakId",
                        column: x => x.OutbreakId,
                        principalTable: "Outbreaks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "OutbreakResponseSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutbreakResponseSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutbreakResponseSteps_OutbreakResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "OutbreakResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Measurements_OutbreakId",
                table: "Measurements",
                column: "OutbreakId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DeduplicationKey",
                table: "OutboxMessages",
                column: "DeduplicationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_DeliveredAt_AbandonedAt_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "DeliveredAt", "AbandonedAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_OutbreakId",
                table: "OutboxMessages",
                column: "OutbreakId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ResponseId",
                table: "OutboxMessages",
                column: "ResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_OutbreakCountries_CountryCode",
                table: "OutbreakCountries",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_OutbreakPartnerships_PartnershipsId",
                table: "OutbreakPartnerships",
                column: "PartnershipsId");

            migrationBuilder.CreateIndex(
                name: "IX_OutbreakResponses_OrganisationId",
                table: "OutbreakResponses",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_OutbreakResponses_OutbreakId_OrganisationId",
                table: "OutbreakResponses",
                columns: new[] { "OutbreakId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutbreakResponseSteps_ResponseId_At",
                table: "OutbreakResponseSteps",
                columns: new[] { "ResponseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbreaks_PathogenCode",
                table: "Outbreaks",
                column: "PathogenCode");

            migrationBuilder.CreateIndex(
                name: "IX_Outbreaks_TriggeredAt",
                table: "Outbreaks",
                column: "TriggeredAt");

            migrationBuilder.AddForeignKey(
                name: "FK_Measurements_Outbreaks_OutbreakId",
                table: "Measurements",
                column: "OutbreakId",
                principalTable: "Outbreaks",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Measurements_Outbreaks_OutbreakId",
                table: "Measurements");

            migrationBuilder.DropTable(
                name: "FunderContacts");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "OutbreakCountries");

            migrationBuilder.DropTable(
                name: "OutbreakPartnerships");

            migrationBuilder.DropTable(
                name: "OutbreakResponseSteps");

            migrationBuilder.DropTable(
                name: "OutbreakResponses");

            migrationBuilder.DropTable(
                name: "Outbreaks");

            migrationBuilder.DropIndex(
                name: "IX_Measurements_OutbreakId",
                table: "Measurements");

            migrationBuilder.DropColumn(
                name: "OutbreakId",
                table: "Measurements");
        }
    }
}
