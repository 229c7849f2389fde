using System.Globalization;
using HealthAccord.Data.Registry;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// Synthetic identifiers in the shapes real registers use. Each comes from a serial number through a bijection
/// (multiply by a constant coprime to the range, add an offset), so no two organisations can share one, which
/// drawing random digits would not guarantee: 50,000 random ROR ids would share one with odds of about two in three.
/// </summary>
internal sealed class OrganisationIdentifiers(ulong seed)
{
    private const string Crockford = "0123456789abcdefghjkmnpqrstvwxyz";
    private const ulong RorSpace = 1UL << 30; // six base-32 characters after the leading zero
    private readonly ulong _offset = Xoshiro256StarStar.ForItem(seed, stream: 0x1D5, item: 0).NextUInt64();

    // Reducing each term first keeps the sum below 2^64; a wrapped sum would no longer be a bijection.
    private ulong Scramble(long serial, ulong range) => ((ulong)serial % range * 2_654_435_761UL % range + _offset % range) % range;

    /// <summary>An org-id like XI-ROR-0abcdef12 whose last two digits are a valid ROR checksum.</summary>
    public string Ror(long serial)
    {
        var value = Scramble(serial, RorSpace);
        Span<char> id = stackalloc char[9];
        id[0] = '0';
        var remaining = value;
        for (var i = 6; i >= 1; i--) { id[i] = Crockford[(int)(remaining % 32)]; remaining /= 32; }
        // ISO/IEC 7064 MOD 97-10 over the base-32 value of the first seven characters; the leading 0 adds nothing.
        var checksum = 98 - (value * 100 % 97);
        id[7] = (char)('0' + checksum / 10);
        id[8] = (char)('0' + checksum % 10);
        var ror = new string(id);
        // Cross-check with the registry's own validator, so a generated id is never one the product would reject.
        if (!RorId.IsValid(ror)) throw new InvalidOperationException($"Generated ROR id {ror} fails the checksum.");
        return "XI-ROR-" + ror;
    }

    /// <summary>A Charity Commission for England and Wales number, in the 200000..1199999 range real ones use.</summary>
    public string EnglandWalesCharity(long serial) =>
        "GB-CHC-" + (200_000 + Scramble(serial, 1_000_000)).ToString(CultureInfo.InvariantCulture);

    /// <summary>A Companies House number: eight digits with leading zeros.</summary>
    public string UkCompany(long serial) => "GB-COH-" + Scramble(serial, 10_000_000).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>A nine-digit Participant Identification Code as CORDIS lists organisations by.</summary>
    public long ParticipantCode(long serial) => 900_000_000 + (long)Scramble(serial, 100_000_000);
}
