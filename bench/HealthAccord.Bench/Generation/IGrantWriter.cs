namespace HealthAccord.Bench.Generation;

/// <summary>Streams grants to files in one publication format, holding no more than a buffer in memory.</summary>
internal interface IGrantWriter : IDisposable
{
    /// <summary>The files written, for the size in the summary.</summary>
    IReadOnlyList<string> Files { get; }

    void Write(SyntheticGrant grant);

    /// <summary>Closes the document (the JSON array, for instance) and flushes everything to disk.</summary>
    void Complete();
}
