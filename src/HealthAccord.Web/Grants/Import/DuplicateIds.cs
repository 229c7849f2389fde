using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Remembers each grant identifier of a file with the row it first appeared on, to report a repeat on its second
/// occurrence. It keeps 104 bits of a 128-bit hash of each identifier rather than the string, in 16-byte slots of
/// tables it keeps between half and three quarters full: 21–32 bytes a grant, about 23 MB for a million. The string
/// itself is not needed: the report names the identifier from the second occurrence, which is at hand.
/// </summary>
/// <remarks>
/// <para>
/// The hash is XxHash128 with a seed drawn per file, so no one can prepare identifiers that collide. Its top 8 bits
/// choose one of 256 tables and are not stored; the slot keeps the low 64 bits and 32 more. Two different identifiers
/// are taken for one only if all 104 bits agree: for n identifiers the odds that any pair does are about n²/2^105,
/// which is 2.5 × 10^-20 for a million and 2.5 × 10^-18 for ten million. (SHA-256 did the same job but took a quarter
/// of the time to read a grant.)
/// </para>
/// <para>
/// Why not a <see cref="Dictionary{TKey,TValue}"/>: each of its entries took 32 bytes plus a 4-byte bucket, and it
/// grows to the next prime past double, so at a million grants it held about 45 MB, the largest piece of an import's
/// heap. Spreading over 256 tables keeps each growth small: the old and the new array of one table are alive together
/// while it copies, and a single table would have needed both a 17 MB and a 26 MB array at once.
/// </para>
/// </remarks>
internal sealed class DuplicateIds : IDisposable
{
    private readonly Table?[] _tables = new Table?[256];
    private readonly long _seed = Random.Shared.NextInt64();

    /// <summary>
    /// Records the identifier; returns the row of its first occurrence when it was seen before. Rows are counted from
    /// zero or one, never below.
    /// </summary>
    public int? Add(string identifier, int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        var value = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(identifier.AsSpan()), _seed);
        var high = (ulong)(value >> 64);
        var table = _tables[(int)(high >> 56)] ??= new Table();
        return table.Add((ulong)value, (uint)(high >> 24), row);
    }

    /// <summary>
    /// Lets the tables go once the file is read. The reader that owns them may stay referenced until the import has
    /// committed, and the commit (the last index flush, SQLite's index builds) is when an import's memory peaks; at a
    /// million grants the tables are about 23 MB of it.
    /// </summary>
    public void Dispose() => Array.Clear(_tables);

    /// <summary>An open-addressing table probed linearly; a slot whose row is zero is empty.</summary>
    private sealed class Table
    {
        private const int InitialSlots = 64;

        private Slot[] _slots = new Slot[InitialSlots];
        private int _count;

        public int? Add(ulong low, uint high, int row)
        {
            var index = Home(low, _slots.Length);
            while (_slots[index].RowPlusOne != 0)
            {
                ref var slot = ref _slots[index];
                if (slot.Low == low && slot.High == high) return (int)(slot.RowPlusOne - 1);
                if (++index == _slots.Length) index = 0;
            }
            _slots[index] = new Slot(low, high, (uint)row + 1);
            // Three quarters full at most: beyond that, linear probing's runs of occupied slots get long.
            if (++_count * 4 > _slots.Length * 3) Grow();
            return null;
        }

        /// <summary>
        /// Half as large again rather than double, so a table is on average about 60% full instead of about 55%,
        /// at the price of copying a little more often.
        /// </summary>
        private void Grow()
        {
            var old = _slots;
            _slots = new Slot[old.Length + old.Length / 2];
            foreach (var slot in old)
            {
                if (slot.RowPlusOne == 0) continue;
                var index = Home(slot.Low, _slots.Length);
                while (_slots[index].RowPlusOne != 0)
                    if (++index == _slots.Length) index = 0;
                _slots[index] = slot;
            }
        }

        /// <summary>
        /// Scales bits 32–63 of the hash to the table's length by multiplying, so any length works, not only powers of
        /// two.
        /// </summary>
        private static int Home(ulong low, int length) => (int)(((low >> 32) * (ulong)length) >> 32);
    }

    /// <summary>Sixteen bytes: the row is stored plus one, so that zero can mark an empty slot.</summary>
    private readonly record struct Slot(ulong Low, uint High, uint RowPlusOne);
}
