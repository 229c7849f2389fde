using System.Globalization;
using HealthAccord.Data.Portfolio;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Builds grant documents (the shape <see cref="GrantDocuments"/> describes) with field objects kept from one
/// document to the next. Lucene gives every new untokenised field its own token stream and attributes, which made
/// the twenty or so id, number and facet fields of a grant cost more than analysing its text; a reused field keeps
/// them. A document is only valid until the next call, which is how an IndexWriter uses it (it has consumed the
/// document when AddDocument returns). Not thread-safe: one builder per indexing thread.
/// </summary>
public sealed class GrantDocumentBuilder
{
    // Not stored: searches read ids from the grantId doc values, and a stored field costs every document a trip through
    // the compressing stored-fields writer.
    private readonly StringField _id = new(GrantDocuments.Id, "", Field.Store.NO);
    private readonly NumericDocValuesField _sortId = new(GrantDocuments.SortId, 0);
    private readonly StringField _identifier = new(GrantDocuments.Identifier, "", Field.Store.NO);
    private readonly TextField _title = new(GrantDocuments.Title, "", Field.Store.NO);
    private readonly NumericDocValuesField _awardDate = new(GrantDocuments.AwardDate, 0);
    // The catch-all field takes the title, the description and each organisation's name as values of their own.
    private readonly FieldPool<TextField> _text = new(() => new TextField(GrantDocuments.Text, "", Field.Store.NO));
    private readonly NumericDocValuesField _amountEur = new(GrantDocuments.AmountEur, 0);
    private readonly Int32Field _plannedStart = new(GrantDocuments.PlannedStart, 0, Field.Store.NO);
    private readonly Int32Field _plannedEnd = new(GrantDocuments.PlannedEnd, 0, Field.Store.NO);
    private readonly Dictionary<GrantFacet, (FieldPool<StringField> Terms, FieldPool<SortedSetDocValuesField> Values)> _facets =
        GrantFacet.All.ToDictionary(f => f, f => (
            new FieldPool<StringField>(() => new StringField(f.Field, "", Field.Store.NO)),
            new FieldPool<SortedSetDocValuesField>(() => new SortedSetDocValuesField(f.Field, new BytesRef()))));
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _funders = [];
    private readonly List<string> _recipients = [];
    private readonly List<string> _countries = [];
    // One document, emptied for each grant: a new one grows its list of fields afresh every time.
    private readonly Document _document = [];

    public Document Build(GrantIndexRow grant)
    {
        _text.Reset();
        foreach (var pools in _facets.Values)
        {
            pools.Terms.Reset();
            pools.Values.Reset();
        }

        _id.SetStringValue(GrantDocuments.IdText(grant.Id));
        _sortId.SetInt64Value(grant.Id);
        _identifier.SetStringValue(grant.Identifier);
        _title.SetStringValue(grant.Title);
        _awardDate.SetInt64Value(GrantDocuments.DateNumber(grant.AwardDate));
        var doc = _document;
        doc.Fields.Clear();
        doc.Add(_id);
        doc.Add(_sortId);
        doc.Add(_identifier);
        doc.Add(_title);
        doc.Add(_awardDate);
        AddText(doc, grant.Title);
        AddText(doc, grant.Description);
        foreach (var participant in grant.Participants) AddText(doc, participant.Name);

        // An unknown euro amount has no value at all, so sorting can put it last in either direction.
        if (grant.AmountEur is { } eur)
        {
            _amountEur.SetInt64Value(GrantDocuments.Cents(eur));
            doc.Add(_amountEur);
        }
        // Only grants with both planned dates can be "live"; a missing date leaves the field out and the range misses it.
        if (grant.PlannedStart is { } start)
        {
            _plannedStart.SetInt32Value(GrantDocuments.DateNumber(start));
            doc.Add(_plannedStart);
        }
        if (grant.PlannedEnd is { } end)
        {
            _plannedEnd.SetInt32Value(GrantDocuments.DateNumber(end));
            doc.Add(_plannedEnd);
        }

        _funders.Clear();
        _recipients.Clear();
        _countries.Clear();
        foreach (var participant in grant.Participants)
        {
            if (participant.Role == ParticipantRole.Funder)
            {
                _funders.Add(participant.Name);
                continue;
            }
            _recipients.Add(participant.Name);
            if (participant.CountryCode is { } country) _countries.Add(country);
        }
        AddFacet(doc, GrantFacet.Funder, _funders);
        AddFacet(doc, GrantFacet.Recipient, _recipients);
        AddFacet(doc, GrantFacet.Country, _countries);
        AddFacet(doc, GrantFacet.Year, grant.AwardDate.Year.ToString(CultureInfo.InvariantCulture));
        AddFacet(doc, GrantFacet.Currency, grant.Currency);
        AddFacet(doc, GrantFacet.AmountBand, AmountBands.Of(grant.AmountEur));
        AddFacet(doc, GrantFacet.Partnership, grant.Partnerships);
        AddFacet(doc, GrantFacet.Pathogen, grant.Pathogens);
        AddFacet(doc, GrantFacet.Hrcs, grant.Categories);
        return doc;
    }

    private void AddText(Document doc, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var field = _text.Next();
        field.SetStringValue(value);
        doc.Add(field);
    }

    /// <summary>Each distinct, non-blank value once: as a term to filter by and as a doc value to count.</summary>
    private void AddFacet(Document doc, GrantFacet facet, List<string> values)
    {
        _seen.Clear();
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value) && _seen.Add(value)) AddFacetValue(doc, facet, value);
        }
    }

    /// <summary>A facet with one value, unless it is blank.</summary>
    private void AddFacet(Document doc, GrantFacet facet, string value)
    {
        if (!string.IsNullOrWhiteSpace(value)) AddFacetValue(doc, facet, value);
    }

    private void AddFacetValue(Document doc, GrantFacet facet, string value)
    {
        var (terms, docValues) = _facets[facet];
        var term = terms.Next();
        term.SetStringValue(value);
        doc.Add(term);
        // The field keeps its BytesRef, and the value is encoded into its buffer: the writer copies the bytes.
        var docValue = docValues.Next();
        UnicodeUtil.UTF16toUTF8(value, 0, value.Length, docValue.GetBinaryValue());
        doc.Add(docValue);
    }

    /// <summary>Fields of one name, handed out in turn for a document and all free again for the next.</summary>
    private sealed class FieldPool<T>(Func<T> create)
    {
        private readonly List<T> _fields = [];
        private int _used;

        public T Next()
        {
            if (_used == _fields.Count) _fields.Add(create());
            return _fields[_used++];
        }

        public void Reset() => _used = 0;
    }
}
