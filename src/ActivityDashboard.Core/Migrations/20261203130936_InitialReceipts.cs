using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ActivityDashboard.Core.Migrations
{
    /// <inheritdoc />
    public partial class InitialReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "charge_receipts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    billing_account_id = table.Column<string>(type: "text", nullable: false),
                    request_id = table.Column<string>(type: "text", nullable: false),
                    litellm_call_id = table.Column<string>(type: "text", nullable: true),
                    charged_credits = table.Column<long>(type: "bigint", nullable: false),
                    response_cost_usd = table.Column<decimal>(type: "numeric(20,10)", nullable: true),
                    provenance = table.Column<string>(type: "text", nullable: false),
                    source_system = table.Column<string>(type: "text", nullable: false),
                    source_reference = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamptz", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge_receipts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_charge_receipts_account_call_id",
                table: "charge_receipts",
                columns: new[] { "billing_account_id", "litellm_call_id" });

            migrationBuilder.CreateIndex(
                name: "ix_charge_receipts_account_created_at",
                table: "charge_receipts",
                columns: new[] { "billing_account_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ux_charge_receipts_source",
                table: "charge_receipts",
                columns: new[] { "source_system", "source_reference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "charge_receipts");

            migrationBuilder.DropTable(
                name: "data_protection_keys");
        }
    }
}
