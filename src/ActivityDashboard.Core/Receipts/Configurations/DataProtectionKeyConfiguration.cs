using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ActivityDashboard.Core.Receipts.Configurations;

/// <summary>The key ring shared by every instance (spec section 10), in the same snake_case as our own table.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.ToTable("data_protection_keys");

        builder.HasKey(k => k.Id).HasName("pk_data_protection_keys");
        builder.Property(k => k.Id).HasColumnName("id").UseIdentityByDefaultColumn();
        builder.Property(k => k.FriendlyName).HasColumnName("friendly_name").HasColumnType("text");
        builder.Property(k => k.Xml).HasColumnName("xml").HasColumnType("text");
    }
}
