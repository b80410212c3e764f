using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ActivityDashboard.Core.Receipts.Configurations;

/// <summary>Maps <see cref="ChargeReceipt"/> to <c>charge_receipts</c> exactly as product spec section 2.1 lists it.</summary>
internal sealed class ChargeReceiptConfiguration : IEntityTypeConfiguration<ChargeReceipt>
{
    public void Configure(EntityTypeBuilder<ChargeReceipt> builder)
    {
        builder.ToTable("charge_receipts");

        builder.HasKey(r => r.Id).HasName("pk_charge_receipts");
        builder.Property(r => r.Id).HasColumnName("id").HasColumnType("uuid").ValueGeneratedNever();
        builder.Property(r => r.BillingAccountId).HasColumnName("billing_account_id").HasColumnType("text").IsRequired();
        builder.Property(r => r.RequestId).HasColumnName("request_id").HasColumnType("text").IsRequired();
        builder.Property(r => r.LitellmCallId).HasColumnName("litellm_call_id").HasColumnType("text");
        builder.Property(r => r.ChargedCredits).HasColumnName("charged_credits").HasColumnType("bigint").IsRequired();
        builder.Property(r => r.ResponseCostUsd).HasColumnName("response_cost_usd").HasColumnType("numeric(20,10)");
        builder.Property(r => r.Provenance).HasColumnName("provenance").HasColumnType("text").IsRequired();
        builder.Property(r => r.SourceSystem).HasColumnName("source_system").HasColumnType("text").IsRequired();
        builder.Property(r => r.SourceReference).HasColumnName("source_reference").HasColumnType("text").IsRequired();
        builder.Property(r => r.CreatedAt).HasColumnName("created_at").HasColumnType("timestamptz").IsRequired();

        // The window read of the activity service: one account, a created_at range.
        builder.HasIndex(r => new { r.BillingAccountId, r.CreatedAt })
            .HasDatabaseName("ix_charge_receipts_account_created_at");

        // Reconciliation and look-ups of one call's receipts.
        builder.HasIndex(r => new { r.BillingAccountId, r.LitellmCallId })
            .HasDatabaseName("ix_charge_receipts_account_call_id");

        // The idempotency key: writing a receipt twice stores it once.
        builder.HasIndex(r => new { r.SourceSystem, r.SourceReference })
            .IsUnique()
            .HasDatabaseName("ux_charge_receipts_source");
    }
}
