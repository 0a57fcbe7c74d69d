using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RemoteSupport.Server.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SessionFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SessionFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BlobId = table.Column<string>(type: "character(32)", fixedLength: true, maxLength: 32, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: true),
                    Height = table.Column<int>(type: "integer", nullable: true),
                    SourceFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionFiles_CallSessions_CallId",
                        column: x => x.CallId,
                        principalTable: "CallSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionFiles_SessionFiles_SourceFileId",
                        column: x => x.SourceFileId,
                        principalTable: "SessionFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SessionFiles_Users_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SessionFiles_BlobId",
                table: "SessionFiles",
                column: "BlobId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionFiles_CallId",
                table: "SessionFiles",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionFiles_CreatedById",
                table: "SessionFiles",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SessionFiles_OrganizationId_CallId_CreatedAt",
                table: "SessionFiles",
                columns: new[] { "OrganizationId", "CallId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionFiles_SourceFileId",
                table: "SessionFiles",
                column: "SourceFileId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionFiles");
        }
    }
}
