using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static HealthAccord.Web.Shared.Persistence;

namespace HealthAccord.Web.Agreements;

public sealed record PartyInput(string? Name, int? OrganisationId, string? CountryCode);

public sealed record DocumentInput(string? Title, string? Url, string? Language);

/// <summary>What an editor sends to create or replace a cooperation agreement.</summary>
public sealed record AgreementInput(
    string? Title,
    AgreementKind? Kind,
    AgreementStatus? Status,
    string? StatusNote,
    string? Signed,
    string? EnteredIntoForce,
    string? Expires,
    string? RenewalNote,
    string? Scope,
    IReadOnlyList<PartyInput>? Parties,
    IReadOnlyList<DocumentInput>? Documents,
    IReadOnlyList<string>? Partnerships,
    IReadOnlyList<SourceInput>? Sources)
{
    internal sealed record Parsed(PartialDate? Signed, PartialDate? EnteredIntoForce, PartialDate? Expires,
        Dictionary<int, Organisation> Organisations, List<Partnership> Partnerships);

    internal async Task<(Validation Validation, Parsed Parsed)> ValidateAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var v = new Validation()
            .Required("title", Title, Limits.Title)
            .Length("statusNote", StatusNote, Limits.Note)
            .Length("renewalNote", RenewalNote, Limits.Text)
            .Length("scope", Scope, Limits.Text)
            .Sources("sources", Sources)
            .PartialDate("signed", Signed, out var signed)
            .PartialDate("enteredIntoForce", EnteredIntoForce, out var inForce)
            .PartialDate("expires", Expires, out var expires)
            .Order("enteredIntoForce", signed, inForce, "the signature date")
            .Order("expires", inForce ?? signed, expires, inForce is null ? "the signature date" : "the entry into force");
        if (Kind is null) v.Add("kind", "This field is required.");
        if (Status is null) v.Add("status", "This field is required.");

        var organisations = new Dictionary<int, Organisation>();
        if (Parties is null || Parties.Count == 0) v.Add("parties", "Name at least one party.");
        else if (Parties.Count > 100) v.Add("parties", "At most 100 parties are allowed.");
        else
        {
            var ids = Parties.Where(p => p?.OrganisationId is not null).Select(p => p.OrganisationId!.Value).Distinct().ToList();
            organisations = await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            for (var i = 0; i < Parties.Count; i++)
            {
                var party = Parties[i];
                if (party is null)
                {
                    v.Add($"parties[{i}]", "Each party is an object with a name, organisationId or countryCode.");
                    continue;
                }
                if (party.OrganisationId is { } orgId && !organisations.ContainsKey(orgId))
                    v.Add($"parties[{i}].organisationId", $"There is no organisation {orgId}.");
                if (string.IsNullOrWhiteSpace(party.Name) && party.OrganisationId is null && string.IsNullOrWhiteSpace(party.CountryCode))
                    v.Add($"parties[{i}].name", "Give the party's name, an organisation id or a country code.");
                v.Length($"parties[{i}].name", party.Name, Limits.Name);
                await v.CheckCountryAsync(db, $"parties[{i}].countryCode", party.CountryCode, ct);
            }
        }

        for (var i = 0; i < (Documents?.Count ?? 0); i++)
        {
            var d = Documents![i];
            if (d is null)
            {
                v.Add($"documents[{i}]", "Each document is an object with title and url.");
                continue;
            }
            v.Required($"documents[{i}].title", d.Title, Limits.Title);
            if (string.IsNullOrWhiteSpace(d.Url)) v.Add($"documents[{i}].url", "This field is required.");
            else v.Url($"documents[{i}].url", d.Url);
            if (d.Language is not null && (d.Language.Length != 2 || !d.Language.All(char.IsAsciiLetterLower)))
                v.Add($"documents[{i}].language", "Use a two-letter ISO 639-1 code such as en or fr.");
        }

        if ((Partnerships ?? []).Any(string.IsNullOrWhiteSpace)) v.Add("partnerships", "Partnership slugs may not be empty.");
        var slugs = (Partnerships ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
        var partnerships = await db.Partnerships.Where(p => slugs.Contains(p.Slug)).ToListAsync(ct);
        foreach (var missing in slugs.Except(partnerships.Select(p => p.Slug)))
            v.Add("partnerships", $"There is no partnership '{missing}'.");

        return (v, new Parsed(signed, inForce, expires, organisations, partnerships));
    }

    internal void ApplyTo(Agreement a, Parsed parsed)
    {
        a.Title = Title!.Trim();
        a.Kind = Kind!.Value;
        a.Status = Status!.Value;
        a.StatusNote = Clean(StatusNote);
        a.Signed = parsed.Signed;
        a.EnteredIntoForce = parsed.EnteredIntoForce;
        a.Expires = parsed.Expires;
        a.RenewalNote = Clean(RenewalNote);
        a.Scope = Clean(Scope);
        a.Parties.Clear();
        foreach (var p in Parties!)
        {
            var organisation = p.OrganisationId is { } id ? parsed.Organisations[id] : null;
            a.Parties.Add(new AgreementParty
            {
                Name = Clean(p.Name) ?? organisation?.Name ?? NormaliseCountry(p.CountryCode)!,
                OrganisationId = organisation?.Id,
                CountryCode = NormaliseCountry(p.CountryCode),
            });
        }
        a.Documents = (Documents ?? []).Select(d => new AgreementDocument { Title = d.Title!.Trim(), Url = d.Url!.Trim(), Language = d.Language ?? "en" }).ToList();
        a.Partnerships.Clear();
        a.Partnerships.AddRange(parsed.Partnerships);
        a.Sources = Sources!.Select(s => s.ToReference()).ToList();
    }
}
