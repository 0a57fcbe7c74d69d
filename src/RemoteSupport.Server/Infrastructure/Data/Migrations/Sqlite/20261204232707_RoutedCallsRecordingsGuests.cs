using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RemoteSupport.Server.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoutedCallsRecordingsGuests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CallMode",
                table: "Organizations",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "CallSessions",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "CallParticipations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeftAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallParticipations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallParticipations_CallSessions_CallId",
                        column: x => x.CallId,
                        principalTable: "CallSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GuestInvites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RedeemedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GuestName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    GuestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GuestSecretHash = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuestInvites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GuestInvites_CallSessions_CallId",
                        column: x => x.CallId,
                        principalTable: "CallSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GuestInvites_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Recordings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StoppedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FailureReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DurationMs = table.Column<long>(type: "INTEGER", nullable: true),
                    Length = table.Column<long>(type: "INTEGER", nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: true),
                    BlobId = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    WebcamBlobId = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 32, nullable: true),
                    WebcamLength = table.Column<long>(type: "INTEGER", nullable: true),
                    WebcamSha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recordings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recordings_CallSessions_CallId",
                        column: x => x.CallId,
                        principalTable: "CallSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recordings_Users_StartedById",
                        column: x => x.StartedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallParticipations_CallId_ParticipantId",
                table: "CallParticipations",
                columns: new[] { "CallId", "ParticipantId" });

            migrationBuilder.CreateIndex(
                name: "IX_GuestInvites_CallId",
                table: "GuestInvites",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_GuestInvites_CreatedById",
                table: "GuestInvites",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_GuestInvites_GuestId",
                table: "GuestInvites",
                column: "GuestId");

            migrationBuilder.CreateIndex(
                name: "IX_GuestInvites_GuestSecretHash",
                table: "GuestInvites",
                column: "GuestSecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GuestInvites_OrganizationId_CallId",
                table: "GuestInvites",
                columns: new[] { "OrganizationId", "CallId" });

            migrationBuilder.CreateIndex(
                name: "IX_GuestInvites_TokenHash",
                table: "GuestInvites",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_CallId",
                table: "Recordings",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_OrganizationId_CallId_StartedAt",
                table: "Recordings",
                columns: new[] { "OrganizationId", "CallId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_StartedById",
                table: "Recordings",
                column: "StartedById");

            migrationBuilder.CreateIndex(
                name: "IX_Recordings_Status",
                table: "Recordings",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallParticipations");

            migrationBuilder.DropTable(
                name: "GuestInvites");

            migrationBuilder.DropTable(
                name: "Recordings");

            migrationBuilder.DropColumn(
                name: "CallMode",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "CallSessions");
        }
    }
}
