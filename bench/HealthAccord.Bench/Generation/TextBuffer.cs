namespace HealthAccord.Bench.Generation;

/// <summary>A reusable, growable run of characters, so composing a million titles and descriptions allocates no strings.</summary>
internal sealed class TextBuffer
{
    private char[] _chars = new char[1024];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(char c)
    {
        if (Length == _chars.Length) Array.Resize(ref _chars, _chars.Length * 2);
        _chars[Length++] = c;
    }

    public void Append(string text)
    {
        if (Length + text.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + text.Length));
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Upper-cases the character at a position, to start a sentence.</summary>
    public void Capitalise(int position)
    {
        if (position < Length) _chars[position] = char.ToUpperInvariant(_chars[position]);
    }

    public override string ToString() => new(Span);
}
