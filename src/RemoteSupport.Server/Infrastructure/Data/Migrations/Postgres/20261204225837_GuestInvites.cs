using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RemoteSupport.Server.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GuestInvites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GuestInvites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RedeemedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GuestName = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    GuestId = table.Column<Guid>(type: "uuid", nullable: true),
                    GuestSecretHash = table.Column<byte[]>(type: "bytea", nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GuestInvites");
        }
    }
}
