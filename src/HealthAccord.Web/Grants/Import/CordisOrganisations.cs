using System.Buffers;
using System.Text;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// The distinct organisations (name and country) of a CORDIS organization.csv, each stored once. Names are kept as
/// UTF-8 in large shared blocks rather than as strings, and found again through a small open-addressing table of
/// indexes: about 30 bytes an organisation plus its name's length, where a dictionary of strings took about 150.
/// That is what keeps a file of 2 million participants from 2 million different organisations within a few hundred
/// megabytes; the usual file, whose universities and institutes recur, costs far less.
/// </summary>
internal sealed class CordisOrganisations
{
    private const int BlockSize = 1 << 20;

    private readonly List<byte[]> _blocks = [];
    private readonly List<string> _countries = [];
    private readonly Dictionary<string, short> _countryIndex = [];
    private int _blockUsed = BlockSize;
    private int[] _block = new int[256];
    private int[] _offset = new int[256];
    private int[] _length = new int[256];
    private short[] _country = new short[256];
    private int[] _hash = new int[256];

    /// <summary>Organisation index + 1 per slot; 0 is an empty slot. Kept at most three-quarters full.</summary>
    private int[] _slots = new int[512];

    public int Count { get; private set; }

    /// <summary>The index of this organisation, adding it when it is new.</summary>
    public int Add(string name, string? country)
    {
        var countryIndex = CountryIndex(country);
        var byteCount = Encoding.UTF8.GetByteCount(name);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var bytes = rented.AsSpan(0, Encoding.UTF8.GetBytes(name, rented));
            var hash = HashCode.Combine(string.GetHashCode(name.AsSpan()), countryIndex);
            var mask = _slots.Length - 1;
            for (var slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                var entry = _slots[slot] - 1;
                if (entry < 0)
                {
                    var index = Append(bytes, countryIndex, hash);
                    _slots[slot] = index + 1;
                    if (Count * 4 > _slots.Length * 3) Rehash(_slots.Length * 2);
                    return index;
                }
                if (_hash[entry] == hash && _country[entry] == countryIndex && Name(entry).SequenceEqual(bytes)) return entry;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public (string Name, string? Country) this[int index] =>
        (Encoding.UTF8.GetString(Name(index)), _country[index] < 0 ? null : _countries[_country[index]]);

    private ReadOnlySpan<byte> Name(int index) => _blocks[_block[index]].AsSpan(_offset[index], _length[index]);

    private int Append(ReadOnlySpan<byte> name, short country, int hash)
    {
        if (name.Length > BlockSize - _blockUsed)
        {
            // A name longer than a block gets a block of its own.
            _blocks.Add(new byte[Math.Max(BlockSize, name.Length)]);
            _blockUsed = 0;
        }
        var index = Count++;
        if (index == _block.Length)
        {
            var size = _block.Length * 2;
            Array.Resize(ref _block, size);
            Array.Resize(ref _offset, size);
            Array.Resize(ref _length, size);
            Array.Resize(ref _country, size);
            Array.Resize(ref _hash, size);
        }
        name.CopyTo(_blocks[^1].AsSpan(_blockUsed));
        (_block[index], _offset[index], _length[index], _country[index], _hash[index]) = (_blocks.Count - 1, _blockUsed, name.Length, country, hash);
        _blockUsed += name.Length;
        return index;
    }

    private void Rehash(int size)
    {
        _slots = new int[size];
        var mask = size - 1;
        for (var index = 0; index < Count; index++)
        {
            var slot = _hash[index] & mask;
            while (_slots[slot] != 0) slot = (slot + 1) & mask;
            _slots[slot] = index + 1;
        }
    }

    private short CountryIndex(string? country)
    {
        if (country is null) return -1;
        if (_countryIndex.TryGetValue(country, out var index)) return index;
        index = (short)_countries.Count;
        _countries.Add(country);
        _countryIndex.Add(country, index);
        return index;
    }
}
