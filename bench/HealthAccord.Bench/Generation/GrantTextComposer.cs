namespace HealthAccord.Bench.Generation;

/// <summary>
/// Titles (about 10 words) and descriptions (about 80 words in sentences) drawn word by word from the real-text
/// frequency table. The words do not make sense together, but their frequencies, and so search selectivity and index
/// sizes, match real grant text.
/// </summary>
internal sealed class GrantTextComposer(WordFrequencyTable words)
{
    public void ComposeTitle(TextBuffer title, PathogenTerm? pathogen, ref Xoshiro256StarStar random)
    {
        title.Clear();
        var count = random.Between(7, 13);
        var pathogenAt = pathogen is not null && random.Chance(0.5) ? random.Next(count) : -1;
        for (var i = 0; i < count; i++)
        {
            if (i > 0) title.Append(' ');
            title.Append(i == pathogenAt ? pathogen!.Term : words.Sample(ref random));
        }
        title.Capitalise(0);
    }

    public void ComposeDescription(TextBuffer description, PathogenTerm? pathogen, ref Xoshiro256StarStar random)
    {
        description.Clear();
        // Two uniform draws summed: 50..110 words, most often near 80.
        var count = 50 + random.Next(31) + random.Next(31);
        var firstMention = pathogen is null ? -1 : random.Next(count);
        var secondMention = pathogen is not null && random.Chance(0.4) ? random.Next(count) : -1;
        var sentenceLeft = 0;
        for (var i = 0; i < count; i++)
        {
            // A new sentence starts only if at least four words remain, so no description ends on a one-word sentence.
            if (sentenceLeft <= 0 && (i == 0 || count - i >= 4))
            {
                if (i > 0) description.Append(". ");
                sentenceLeft = random.Between(8, 24);
                var start = description.Length;
                AppendWord(description, i, firstMention, secondMention, pathogen, ref random);
                description.Capitalise(start);
            }
            else
            {
                description.Append(' ');
                AppendWord(description, i, firstMention, secondMention, pathogen, ref random);
            }
            sentenceLeft--;
        }
        description.Append('.');
    }

    private void AppendWord(TextBuffer text, int index, int firstMention, int secondMention, PathogenTerm? pathogen, ref Xoshiro256StarStar random) =>
        text.Append(index == firstMention || index == secondMention ? pathogen!.Term : words.Sample(ref random));
}
