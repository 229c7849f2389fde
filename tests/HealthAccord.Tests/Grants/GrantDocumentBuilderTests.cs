using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants;
using Lucene.Net.Documents;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// A builder reuses its field objects from one document to the next: a document must come out the same as from a
/// fresh builder, with nothing left over from the grant before (a description, a third recipient, a pathogen).
/// </summary>
public sealed class GrantDocumentBuilderTests
{
    private static readonly GrantIndexRow Rich = new(41, "RICH-41", "Malaria vaccine trial", "Phase II trial in children.", "GBP", 125_000.5m,
        new DateOnly(2024, 5, 6), new DateOnly(2024, 9, 1), new DateOnly(2027, 8, 31),
        [
            new GrantIndexParticipant(ParticipantRole.Funder, "Example Foundation", "GB"),
            new GrantIndexParticipant(ParticipantRole.Lead, "Kenya Medical Research Institute", "KE"),
            new GrantIndexParticipant(ParticipantRole.Participant, "University of Oxford", "GB"),
        ],
        ["malaria"], ["018", "012"], ["glopid-r"]);

    private static readonly GrantIndexRow Sparse = new(42, "SPARSE-42", "Community kitchen", null, "EUR", null,
        new DateOnly(2020, 4, 1), null, null,
        [new GrantIndexParticipant(ParticipantRole.Funder, "Town Fund", null), new GrantIndexParticipant(ParticipantRole.Lead, "Kitchen Trust", null)],
        [], [], []);

    /// <summary>Every field as name, kind and value, in document order.</summary>
    private static List<string> Describe(Document document) =>
    [
        .. document.Fields.Select(f => $"{f.Name} {f.GetType().Name} " +
            (f.GetStringValue() ?? f.GetInt64Value()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? f.GetBinaryValue()?.Utf8ToString() ?? "")),
    ];

    [Fact]
    public void A_reused_builder_gives_each_grant_the_document_a_fresh_builder_gives()
    {
        var reused = new GrantDocumentBuilder();

        var rich = Describe(reused.Build(Rich));
        var sparse = Describe(reused.Build(Sparse));
        var richAgain = Describe(reused.Build(Rich));

        Assert.Equal(Describe(new GrantDocumentBuilder().Build(Rich)), rich);
        Assert.Equal(Describe(new GrantDocumentBuilder().Build(Sparse)), sparse);
        Assert.Equal(rich, richAgain);
        // The catch-all text: the title and the two organisations, and no description left over from the rich grant.
        Assert.Equal([$"{GrantDocuments.Text} TextField Community kitchen", $"{GrantDocuments.Text} TextField Town Fund", $"{GrantDocuments.Text} TextField Kitchen Trust"],
            sparse.Where(f => f.StartsWith(GrantDocuments.Text + " ", StringComparison.Ordinal)));
        Assert.Equal(5, rich.Count(f => f.StartsWith(GrantDocuments.Text + " ", StringComparison.Ordinal)));
        Assert.DoesNotContain(sparse, f => f.StartsWith(GrantFacet.Pathogen.Field + " ", StringComparison.Ordinal));
        Assert.Contains($"{GrantFacet.AmountBand.Field} StringField {AmountBands.Unknown}", sparse);
    }

    [Fact]
    public void A_document_holds_each_facet_value_once_as_a_term_and_as_a_doc_value()
    {
        var fields = Describe(new GrantDocumentBuilder().Build(Rich));

        // Two recipients, one of them in the funder's country: GB and KE once each.
        Assert.Equal(["recipientCountry StringField KE", "recipientCountry SortedSetDocValuesField KE",
                "recipientCountry StringField GB", "recipientCountry SortedSetDocValuesField GB"],
            fields.Where(f => f.StartsWith("recipientCountry ", StringComparison.Ordinal)));
        Assert.Contains("hrcs StringField 012", fields);
        Assert.Contains("amountBand StringField 50k-250k", fields);
        Assert.Contains($"{GrantDocuments.AmountEur} NumericDocValuesField 12500050", fields);
        Assert.Contains($"{GrantDocuments.PlannedEnd} Int32Field 20270831", fields);
    }
}
