using System.Text.Json;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Transfer;

public sealed record ImportOutcome(bool Succeeded, IReadOnlyList<string> Errors, string Summary);

/// <summary>
/// Loads a registry export into a database whose registry is empty. Every reference is checked before anything is
/// written, and the whole load is one transaction: it succeeds entirely or leaves the database as it was.
/// </summary>
public static class RegistryImport
{
    public static async Task<ImportOutcome> ImportAsync(HealthAccordDbContext db, Stream stream, CancellationToken ct)
    {
        RegistryDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<RegistryDocument>(stream, RegistryExport.Json, ct);
        }
        catch (JsonException e)
        {
            return Failed($"The file is not a readable registry export: {e.Message}");
        }
        if (document is null || document.Format != RegistryDocument.FormatName)
            return Failed($"The file is not a registry export (expected \"format\": \"{RegistryDocument.FormatName}\").");
        if (document.FormatVersion != RegistryDocument.CurrentVersion)
            return Failed($"Format version {document.FormatVersion} is not supported; this build reads version {RegistryDocument.CurrentVersion}.");
        if (await db.Partnerships.AnyAsync(ct) || await db.Organisations.AnyAsync(ct) || await db.Agreements.AnyAsync(ct))
            return Failed("The target database already holds registry records. Import into an empty database (run migrate on a new file).");

        var countries = await db.Countries.Select(c => c.Code).ToHashSetAsync(ct);
        var errors = Check(document, countries);
        if (errors.Count > 0) return new ImportOutcome(false, errors, "");

        db.PreserveTimestamps = true;
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        var organisations = document.Organisations.Select(o => Apply(new Organisation
        {
            Id = o.Id,
            Name = o.Name,
            Acronym = o.Acronym,
            Type = o.Type,
            CountryCode = o.CountryCode,
            RorId = o.RorId,
            Website = o.Website,
            NeedsReview = o.NeedsReview,
            Identifiers = (o.Identifiers ?? []).Select(value => new HealthAccord.Data.Portfolio.OrganisationIdentifier { Value = value }).ToList(),
        }, o.Meta)).ToList();
        var partnerships = document.Partnerships.Select(p => Apply(new Partnership
        {
            Id = p.Id,
            Slug = p.Slug,
            Acronym = p.Acronym,
            Name = p.Name,
            Kind = p.Kind,
            Summary = p.Summary,
            Mission = p.Mission,
            FoundedYear = p.FoundedYear,
            Website = p.Website,
            Secretariat = p.Secretariat,
            Themes = p.Themes,
            EuRole = p.EuRole,
            EuRoleNote = p.EuRoleNote,
            Status = p.Status,
        }, p.Meta)).ToDictionary(p => p.Id);
        db.Organisations.AddRange(organisations);
        db.Partnerships.AddRange(partnerships.Values);
        db.Memberships.AddRange(document.Memberships.Select(m => Apply(new Membership
        {
            Id = m.Id,
            PartnershipId = m.PartnershipId,
            OrganisationId = m.OrganisationId,
            CountryCode = m.CountryCode,
            Role = m.Role,
            Note = m.Note,
            Joined = Date(m.Joined),
            Left = Date(m.Left),
        }, m.Meta)));
        db.Agreements.AddRange(document.Agreements.Select(a => Apply(new Agreement
        {
            Id = a.Id,
            Title = a.Title,
            Kind = a.Kind,
            Status = a.Status,
            StatusNote = a.StatusNote,
            Signed = Date(a.Signed),
            EnteredIntoForce = Date(a.EnteredIntoForce),
            Expires = Date(a.Expires),
            RenewalNote = a.RenewalNote,
            Scope = a.Scope,
            Parties = a.Parties.Select(p => new AgreementParty { Id = p.Id, Name = p.Name, OrganisationId = p.OrganisationId, CountryCode = p.CountryCode }).ToList(),
            Documents = a.Documents.Select(d => new AgreementDocument { Title = d.Title, Url = d.Url, Language = d.Language }).ToList(),
            Partnerships = a.PartnershipIds.Select(id => partnerships[id]).ToList(),
        }, a.Meta)));
        db.Goals.AddRange(document.Goals.Select(g => Apply(new Goal
        {
            Id = g.Id,
            PartnershipId = g.PartnershipId,
            IsHeadline = g.IsHeadline,
            Statement = g.Statement,
            Indicator = g.Indicator,
            Unit = g.Unit,
            Direction = g.Direction,
            Target = g.Target,
            TargetNote = g.TargetNote,
            Baseline = g.Baseline,
            BaselineNote = g.BaselineNote,
            Deadline = Date(g.Deadline),
            DeadlineNote = g.DeadlineNote,
            Measurements = g.Measurements.Select(m => new Measurement
            {
                Id = m.Id,
                MeasuredOn = Date(m.MeasuredOn),
                PeriodLabel = m.PeriodLabel,
                Value = m.Value,
                ValueText = m.ValueText,
                SourceUrl = m.SourceUrl,
                Note = m.Note,
                CreatedAt = m.CreatedAt,
            }).ToList(),
        }, g.Meta)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // The checks above should leave nothing for the database to refuse; if it still does, the transaction
            // rolls back and the user gets the database's reason instead of a stack trace.
            return Failed($"The database refused the records: {e.InnerException?.Message ?? e.Message}");
        }
        if (db.Database.IsNpgsql()) await ResetPostgresSequencesAsync(db, ct);
        await transaction.CommitAsync(ct);

        return new ImportOutcome(true, [],
            $"Imported {document.Partnerships.Count} partnerships, {document.Organisations.Count} organisations, {document.Memberships.Count} memberships, " +
            $"{document.Agreements.Count} agreements and {document.Goals.Count} goals.");
    }

    /// <summary>Checks every id reference, code and date before anything is written, naming the record at fault.</summary>
    private static List<string> Check(RegistryDocument d, HashSet<string> countries)
    {
        var errors = new List<string>();
        void Duplicates<T>(string what, IEnumerable<T> items, Func<T, int> id)
        {
            foreach (var group in items.GroupBy(id).Where(g => g.Count() > 1)) errors.Add($"{what} id {group.Key} appears {group.Count()} times.");
        }
        Duplicates("organisation", d.Organisations, o => o.Id);
        Duplicates("partnership", d.Partnerships, p => p.Id);
        Duplicates("membership", d.Memberships, m => m.Id);
        Duplicates("agreement", d.Agreements, a => a.Id);
        Duplicates("goal", d.Goals, g => g.Id);

        var organisationIds = d.Organisations.Select(o => o.Id).ToHashSet();
        foreach (var group in d.Organisations.SelectMany(o => o.Identifiers ?? []).GroupBy(i => i).Where(g => g.Count() > 1))
            errors.Add($"organisation identifier '{group.Key}' is given to more than one organisation.");
        var partnershipIds = d.Partnerships.Select(p => p.Id).ToHashSet();
        foreach (var o in d.Organisations)
        {
            if (o.CountryCode is { } c && !countries.Contains(c)) errors.Add($"organisation {o.Id}: unknown country code '{c}'.");
            if (o.RorId is not null && !RorId.IsValid(o.RorId)) errors.Add($"organisation {o.Id}: invalid ROR id '{o.RorId}'.");
            if ((o.Identifiers ?? []).Any(string.IsNullOrWhiteSpace)) errors.Add($"organisation {o.Id}: an identifier is empty.");
        }
        foreach (var group in d.Partnerships.GroupBy(p => p.Slug).Where(g => g.Count() > 1)) errors.Add($"partnership slug '{group.Key}' is used twice.");
        foreach (var group in d.Organisations.Where(o => o.RorId is not null).GroupBy(o => o.RorId).Where(g => g.Count() > 1))
            errors.Add($"ROR id {group.Key} is given to organisations {string.Join(", ", group.Select(o => o.Id))}.");
        Duplicates("agreement party", d.Agreements.SelectMany(a => a.Parties), p => p.Id);
        Duplicates("measurement", d.Goals.SelectMany(g => g.Measurements), m => m.Id);
        foreach (var group in d.Goals.Where(g => g.IsHeadline).GroupBy(g => g.PartnershipId).Where(g => g.Count() > 1))
            errors.Add($"partnership {group.Key} has {group.Count()} headline goals ({string.Join(", ", group.Select(g => g.Id))}); a partnership has one.");
        foreach (var m in d.Memberships)
        {
            if (!partnershipIds.Contains(m.PartnershipId)) errors.Add($"membership {m.Id}: partnership {m.PartnershipId} is not in the file.");
            if (m.OrganisationId is { } o && !organisationIds.Contains(o)) errors.Add($"membership {m.Id}: organisation {o} is not in the file.");
            if (m.CountryCode is { } c && !countries.Contains(c)) errors.Add($"membership {m.Id}: unknown country code '{c}'.");
            if ((m.OrganisationId is null) == (m.CountryCode is null)) errors.Add($"membership {m.Id}: give exactly one of organisationId and countryCode.");
            CheckDate(errors, $"membership {m.Id}", m.Joined);
            CheckDate(errors, $"membership {m.Id}", m.Left);
        }
        foreach (var a in d.Agreements)
        {
            foreach (var id in a.PartnershipIds.Where(id => !partnershipIds.Contains(id))) errors.Add($"agreement {a.Id}: partnership {id} is not in the file.");
            foreach (var p in a.Parties)
            {
                if (p.OrganisationId is { } o && !organisationIds.Contains(o)) errors.Add($"agreement {a.Id}: party organisation {o} is not in the file.");
                if (p.CountryCode is { } c && !countries.Contains(c)) errors.Add($"agreement {a.Id}: unknown party country code '{c}'.");
            }
            CheckDate(errors, $"agreement {a.Id}", a.Signed);
            CheckDate(errors, $"agreement {a.Id}", a.EnteredIntoForce);
            CheckDate(errors, $"agreement {a.Id}", a.Expires);
        }
        foreach (var g in d.Goals)
        {
            if (!partnershipIds.Contains(g.PartnershipId)) errors.Add($"goal {g.Id}: partnership {g.PartnershipId} is not in the file.");
            CheckDate(errors, $"goal {g.Id}", g.Deadline);
            foreach (var m in g.Measurements) CheckDate(errors, $"goal {g.Id} measurement {m.Id}", m.MeasuredOn);
        }
        return errors;
    }

    private static void CheckDate(List<string> errors, string where, string? value)
    {
        if (value is not null && !PartialDate.TryParse(value, out _)) errors.Add($"{where}: '{value}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.");
    }

    private static PartialDate? Date(string? value) => value is null ? null : PartialDate.Parse(value);

    private static T Apply<T>(T record, RecordMeta meta) where T : RegistryRecord
    {
        record.Sources = meta.Sources.Select(s => new SourceReference { Url = s.Url, Title = s.Title, AsOf = s.AsOf }).ToList();
        record.CreatedAt = meta.CreatedAt;
        record.UpdatedAt = meta.UpdatedAt;
        record.Version = meta.Version;
        return record;
    }

    private static ImportOutcome Failed(string error) => new(false, [error], "");

    /// <summary>Explicit ids bypass PostgreSQL identity sequences; move each past the highest imported id.</summary>
    private static async Task ResetPostgresSequencesAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        foreach (var table in new[] { "Organisations", "Partnerships", "Memberships", "Agreements", "AgreementParties", "Goals", "Measurements" })
        {
            // Table names come from the fixed list above, never from input.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), COALESCE((SELECT MAX(\"Id\") FROM \"{table}\"), 0) + 1, false);", ct);
#pragma warning restore EF1002
        }
    }
}
