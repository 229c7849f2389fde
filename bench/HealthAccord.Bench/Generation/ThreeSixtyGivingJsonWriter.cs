using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// A 360Giving package, {"grants":[...]}, whose grants follow the 360Giving Data Standard's grant schema (1.4.3 in
/// shared/data). Written with Utf8JsonWriter straight to the file, flushed every megabyte, so memory stays flat.
/// </summary>
internal sealed class ThreeSixtyGivingJsonWriter : IGrantWriter
{
    private const int FlushThreshold = 1 << 20;

    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    // Property names encoded once rather than for each of a million grants.
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id"), Title = JsonEncodedText.Encode("title"),
        Description = JsonEncodedText.Encode("description"), Currency = JsonEncodedText.Encode("currency"),
        AmountAwarded = JsonEncodedText.Encode("amountAwarded"), AwardDate = JsonEncodedText.Encode("awardDate"),
        PlannedDates = JsonEncodedText.Encode("plannedDates"), StartDate = JsonEncodedText.Encode("startDate"),
        EndDate = JsonEncodedText.Encode("endDate"), Duration = JsonEncodedText.Encode("duration"),
        RecipientOrganization = JsonEncodedText.Encode("recipientOrganization"), Name = JsonEncodedText.Encode("name"),
        AddressLocality = JsonEncodedText.Encode("addressLocality"), AddressCountry = JsonEncodedText.Encode("addressCountry"),
        FundingOrganization = JsonEncodedText.Encode("fundingOrganization"), BeneficiaryLocation = JsonEncodedText.Encode("beneficiaryLocation"),
        CountryCode = JsonEncodedText.Encode("countryCode"), GrantProgramme = JsonEncodedText.Encode("grantProgramme"),
        Code = JsonEncodedText.Encode("code"), Classifications = JsonEncodedText.Encode("classifications"),
        Vocabulary = JsonEncodedText.Encode("vocabulary"), DateModified = JsonEncodedText.Encode("dateModified"),
        HrcsVocabulary = JsonEncodedText.Encode(HrcsHealthCategories.Vocabulary);

    public ThreeSixtyGivingJsonWriter(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
        // Relaxed escaping keeps "Children's" and "São Paulo" readable; quotes and control characters are still escaped.
        _json = new Utf8JsonWriter(_file, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _json.WriteStartObject();
        _json.WriteStartArray("grants");
        Files = [path];
    }

    public IReadOnlyList<string> Files { get; }

    public void Write(SyntheticGrant grant)
    {
        var json = _json;
        json.WriteStartObject();
        Span<char> id = stackalloc char[64];
        if (!id.TryWrite(CultureInfo.InvariantCulture, $"{grant.Funder.IdPrefix}-{grant.Number}", out var idLength))
            throw new InvalidOperationException($"Grant id prefix {grant.Funder.IdPrefix} is too long.");
        json.WriteString(Id, id[..idLength]);
        json.WriteString(Title, grant.Title.Span);
        json.WriteString(Description, grant.Description.Span);
        json.WriteString(Currency, grant.Currency);
        json.WriteNumber(AmountAwarded, grant.AmountAwarded);
        WriteDate(AwardDate, grant.AwardDate);

        json.WriteStartArray(PlannedDates);
        json.WriteStartObject();
        WriteDate(StartDate, grant.PlannedStart);
        WriteDate(EndDate, grant.PlannedEnd);
        json.WriteNumber(Duration, grant.DurationMonths);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray(RecipientOrganization);
        for (var i = 0; i < grant.RecipientCount; i++)
        {
            var recipient = grant.Recipients[i];
            json.WriteStartObject();
            json.WriteString(Id, recipient.OrgId);
            json.WriteString(Name, recipient.Name);
            json.WriteString(AddressLocality, recipient.City);
            json.WriteString(AddressCountry, recipient.Country.Name);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray(FundingOrganization);
        json.WriteStartObject();
        json.WriteString(Id, grant.Funder.OrgId);
        json.WriteString(Name, grant.Funder.Name);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray(BeneficiaryLocation);
        for (var i = 0; i < grant.BeneficiaryCount; i++)
        {
            json.WriteStartObject();
            json.WriteString(Name, grant.BeneficiaryCountries[i].Name);
            json.WriteString(CountryCode, grant.BeneficiaryCountries[i].Code);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray(GrantProgramme);
        json.WriteStartObject();
        json.WriteString(Code, grant.Programme.Code);
        json.WriteString(Title, grant.Programme.Title);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray(Classifications);
        json.WriteStartObject();
        json.WriteString(Vocabulary, HrcsVocabulary);
        json.WriteString(Code, grant.Category.Code);
        json.WriteString(Title, grant.Category.Title);
        json.WriteEndObject();
        json.WriteEndArray();

        Span<char> modified = stackalloc char[20];
        grant.Modified.TryFormat(modified, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        json.WriteString(DateModified, modified[..written]);
        json.WriteEndObject();

        // Utf8JsonWriter buffers everything until flushed; without this the whole file would sit in memory.
        if (json.BytesPending > FlushThreshold) json.Flush();
    }

    private void WriteDate(JsonEncodedText name, DateOnly date)
    {
        Span<char> text = stackalloc char[10];
        date.TryFormat(text, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _json.WriteString(name, text);
    }

    public void Complete()
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _file.Flush(flushToDisk: false);
    }

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }
}
