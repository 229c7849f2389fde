using System.Runtime.CompilerServices;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Reads a 360Giving JSON package (<c>{"grants": [...]}</c>, other top-level keys ignored) as a stream: one grant
/// is held in memory at a time, so a file of any length reads in constant memory. See <see cref="ThreeSixtyGivingPackageScanner"/>.
/// </summary>
public static class ThreeSixtyGivingJsonReader
{
    public static async IAsyncEnumerable<ReadResult> ReadAsync(Stream stream, GrantReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new GrantReadOptions();
        using var scanner = new ThreeSixtyGivingPackageScanner(options, options.DatasetName ?? "stream");
        while (true)
        {
            var wantsData = scanner.Scan();
            foreach (var result in scanner.Results) yield return result;
            scanner.Results.Clear();
            if (!wantsData) yield break;
            var space = scanner.MakeRoom();
            if (space.IsEmpty)
            {
                // MakeRoom reported why it cannot hold more (a grant over the limit).
                foreach (var result in scanner.Results) yield return result;
                yield break;
            }
            var read = await stream.ReadAsync(space, ct);
            scanner.Received(read);
        }
    }
}
