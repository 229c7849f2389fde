namespace HealthAccord.Bench.Generation;

/// <summary>What kind of body an organisation is; decides its name pattern and CORDIS activity type.</summary>
internal enum OrganisationKind { University, Institute, Hospital, Charity, Company }

/// <summary>A synthetic recipient organisation, with the address details CORDIS lists for participants.</summary>
/// <param name="Serial">Its rank in the catalogue (0 wins most grants); identifiers derive from it.</param>
internal sealed record Organisation(
    int Serial, string OrgId, string Name, string ShortName, OrganisationKind Kind, Country Country, string City,
    long ParticipantCode, string VatNumber, string Street, string PostCode, string NutsCode, string Website, bool IsSme)
{
    /// <summary>CORDIS lists participant names in capitals.</summary>
    public string UpperCaseName { get; } = Name.ToUpperInvariant();

    /// <summary>HES higher education, REC research, PUB public body, PRC private for-profit, OTH other.</summary>
    public string CordisActivityType => Kind switch
    {
        OrganisationKind.University => "HES",
        OrganisationKind.Institute => "REC",
        OrganisationKind.Hospital => "PUB",
        OrganisationKind.Company => "PRC",
        _ => "OTH",
    };
}
