using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActivityDashboard.Core.Demo;

public sealed partial class DemoUsageGenerator
{
    /// <summary>
    /// Ids for one slot, hashed from the account, the slot and a running number rather than drawn from the slot's
    /// <see cref="Random"/>: its seed has only 32 bits, so over months of slots two of them can share a seed, and ids
    /// drawn from it would then repeat.
    /// </summary>
    private sealed class SlotIdentities(string accountId, DateTimeOffset slotStart)
    {
        private int _serial;

        public string CallId() => "chatcmpl-" + Next("call", 12);

        public string RunId() => "run_" + Next("run", 8);

        /// <summary>A version-4-shaped UUID derived from the receipt's idempotency key, so re-seeding writes the same id.</summary>
        public static Guid ReceiptId(string sourceReference)
        {
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(sourceReference)).AsSpan(0, 16).ToArray();
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);

            return new Guid(bytes);
        }

        private string Next(string kind, int byteCount)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{accountId}|{slotStart.UtcTicks}|{kind}|{_serial++}");

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, byteCount));
        }
    }
}
