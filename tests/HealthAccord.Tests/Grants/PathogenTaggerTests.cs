using System.Text.RegularExpressions;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;

namespace HealthAccord.Tests.Grants;

public sealed partial class PathogenTaggerTests
{
    private static readonly PathogenTagger Tagger = new();
    private static readonly DateOnly In2021 = new(2021, 6, 1);

    private static IReadOnlyList<string> CodesIn(string description, DateOnly? awardDate = null) =>
        Tagger.TagCodes(new GrantText("Grant", description, AwardDate: awardDate ?? In2021));

    [Theory]
    [InlineData("Rapid diagnostics for COVID-19 in care homes", "covid-19.covid")]
    [InlineData("Long Covid clinics", "covid-19.covid")]
    [InlineData("covid19 recovery fund", "covid-19.covid")]
    [InlineData("Covid 19 food parcels", "covid-19.covid")]
    [InlineData("Support during CV19", "covid-19.cv19")]
    [InlineData("Neutralising antibodies against SARS-CoV-2", "covid-19.sars-cov-2")]
    [InlineData("sars cov 2 sequencing", "covid-19.sars-cov-2")]
    [InlineData("SARS-CoV2 transmission", "covid-19.sars-cov-2")]
    [InlineData("severe acute respiratory syndrome coronavirus 2 in bats", "covid-19.sars-cov-2-name")]
    [InlineData("Early work on 2019-nCoV", "covid-19.2019-ncov")]
    [InlineData("coronavirus disease 2019 in children", "covid-19.coronavirus-disease-2019")]
    [InlineData("Food deliveries during the coronavirus lockdown", "covid-19.coronavirus-since-2020")]
    [InlineData("Novel coronavirus response", "covid-19.coronavirus-since-2020")]
    [InlineData("Support through the Corona crisis", "covid-19.corona-crisis")]
    public void COVID_19_is_found_under_its_names(string text, string ruleId) => AssertTagged(text, "covid-19", ruleId);

    [Theory]
    [InlineData("SARS\u2011CoV\u20112 with non-breaking hyphens")]
    [InlineData("COVID\u201319 with an en dash")]
    [InlineData("COVID\u00A019 with a non-breaking space")]
    public void Typographic_dashes_and_spaces_are_read_as_plain_ones(string text) => Assert.Equal(["covid-19"], CodesIn(text));

    [Fact]
    public void Coronavirus_alone_means_COVID_19_from_2020_and_other_coronaviruses_before()
    {
        Assert.Equal(["covid-19"], CodesIn("coronavirus vaccine platform", new DateOnly(2020, 1, 1)));
        Assert.Equal(["other-coronavirus"], CodesIn("coronavirus vaccine platform", new DateOnly(2019, 12, 31)));
        // 360Giving requires an award date, so a grant without one is rare; it is read as recent.
        Assert.Equal(["covid-19"], Tagger.TagCodes(new GrantText("Coronavirus vaccine platform", null)));
    }

    [Theory]
    [InlineData("MERS-CoV in dromedary camels", "other-coronavirus.mers")]
    [InlineData("Middle East respiratory syndrome surveillance", "other-coronavirus.mers-name")]
    [InlineData("Lessons from the 2003 SARS outbreak", "other-coronavirus.sars")]
    [InlineData("SARS-CoV-1 spike structure", "other-coronavirus.sars")]
    [InlineData("severe acute respiratory syndrome in 2003", "other-coronavirus.sars-name")]
    [InlineData("Feline coronavirus and wildlife", "other-coronavirus.animal-or-seasonal")]
    [InlineData("seasonal coronaviruses and immunity", "other-coronavirus.animal-or-seasonal")]
    public void Other_coronaviruses_are_found(string text, string ruleId) => AssertTagged(text, "other-coronavirus", ruleId);

    [Theory]
    [InlineData("MERS coronavirus antibodies")]
    [InlineData("Feline coronavirus and wildlife")]
    public void A_named_other_coronavirus_is_not_also_COVID_19(string text) => Assert.Equal(["other-coronavirus"], CodesIn(text));

    [Theory]
    [InlineData("SARS-CoV-2 genomics")]
    [InlineData("SARS coronavirus 2 genomics")]
    public void SARS_CoV_2_is_COVID_19_and_not_the_2003_SARS(string text) => Assert.Equal(["covid-19"], CodesIn(text));

    [Theory]
    [InlineData("Ebola vaccine trial in Guinea", "ebola", "ebola.name")]
    [InlineData("Zaire ebolavirus glycoprotein", "ebola", "ebola.name")]
    [InlineData("EVD survivors' clinic", "ebola", "ebola.evd")]
    [InlineData("Marburg virus disease outbreak in Rwanda", "marburg", "marburg.virus")]
    [InlineData("Lassa fever rodent reservoirs", "lassa", "lassa.name")]
    [InlineData("Crimean-Congo haemorrhagic fever in ticks", "cchf", "cchf.name")]
    [InlineData("Crimean Congo hemorrhagic fever", "cchf", "cchf.name")]
    [InlineData("CCHFV diagnostics", "cchf", "cchf.acronym")]
    [InlineData("Nipah virus in fruit bats", "nipah", "nipah.name")]
    [InlineData("Henipavirus entry", "nipah", "nipah.henipavirus")]
    [InlineData("Hendra virus in horses", "nipah", "nipah.hendra")]
    [InlineData("Rift Valley fever in livestock", "rift-valley-fever", "rift-valley-fever.name")]
    [InlineData("RVFV vaccine", "rift-valley-fever", "rift-valley-fever.acronym")]
    [InlineData("Zika and microcephaly", "zika", "zika.name")]
    [InlineData("Preparing for Disease X", "disease-x", "disease-x.name")]
    [InlineData("Mpox vaccination of contacts", "mpox", "mpox.name")]
    [InlineData("monkeypox virus clade I", "mpox", "mpox.monkeypox")]
    [InlineData("Pandemic influenza preparedness", "influenza", "influenza.name")]
    [InlineData("Winter flu jabs for carers", "influenza", "influenza.flu")]
    [InlineData("Avian H5N1 in dairy cattle", "influenza", "influenza.subtype")]
    [InlineData("H7N9 poultry markets", "influenza", "influenza.subtype")]
    [InlineData("Tackling antimicrobial resistance in hospitals", "amr", "amr.name")]
    [InlineData("antibiotic-resistant gonorrhoea", "amr", "amr.name")]
    [InlineData("AMR surveillance in Africa", "amr", "amr.acronym")]
    [InlineData("multidrug-resistant Gram-negative bacteria", "amr", "amr.drug-resistant")]
    [InlineData("MRSA on hospital wards", "amr", "amr.resistant-organism")]
    [InlineData("methicillin-resistant Staphylococcus aureus", "amr", "amr.resistant-to-named-drug")]
    [InlineData("The hunt for new antibiotics against superbugs", "amr", "amr.superbug")]
    [InlineData("resistance to antibiotics in farming", "amr", "amr.resistance-to")]
    [InlineData("Tuberculosis case finding", "tuberculosis", "tuberculosis.name")]
    [InlineData("TB screening in prisons", "tuberculosis", "tuberculosis.tb")]
    [InlineData("Malaria bed nets", "malaria", "malaria.name")]
    [InlineData("new antimalarials", "malaria", "malaria.name")]
    [InlineData("Plasmodium falciparum gametocytes", "malaria", "malaria.plasmodium")]
    [InlineData("HIV prevention with PrEP", "hiv", "hiv.name")]
    [InlineData("People living with AIDS", "hiv", "hiv.aids")]
    [InlineData("human immunodeficiency virus reservoirs", "hiv", "hiv.full-name")]
    [InlineData("Dengue in Brazilian cities", "dengue", "dengue.name")]
    [InlineData("Chikungunya arthritis", "chikungunya", "chikungunya.name")]
    [InlineData("Oral cholera vaccine", "cholera", "cholera.name")]
    [InlineData("Vibrio cholerae in water", "cholera", "cholera.name")]
    public void Each_pathogen_is_found_by_its_rule(string text, string code, string ruleId) => AssertTagged(text, code, ruleId);

    [Theory]
    [InlineData("Fluid dynamics of blood flow")]
    [InlineData("A fluent speaker of Welsh")]
    [InlineData("The influence of fluorescence microscopy")]
    [InlineData("Reflux in infants")]
    [InlineData("Patients with flu-like symptoms were tested for other causes")]
    [InlineData("A bout of stomach flu")]
    [InlineData("Haemophilus influenzae type b vaccine")]
    [InlineData("Haemophilus influenza carriage")]
    [InlineData("An exchange with the University of Marburg")]
    [InlineData("Hearing aids and mobility aids for older people")]
    [InlineData("HEARING AIDS FOR CHILDREN")]
    [InlineData("Teaching aids for the classroom")]
    [InlineData("Data storage of 2 TB per site")]
    [InlineData("An amr of 3 was recorded")] // lower case is not the acronym
    [InlineData("Drug-resistant epilepsy in children")]
    [InlineData("Overcoming drug resistance in breast cancer")]
    [InlineData("EVD placement after external ventricular drainage")]
    [InlineData("Heart disease X-ray screening")]
    [InlineData("Interaction of disease x age in the model")]
    [InlineData("Covidien ventilators")]
    [InlineData("Choleric temperament")]
    [InlineData("A Centre of Research Excellence (CRE) in lung health")]
    [InlineData("Pandemic preparedness planning")] // no pathogen named
    [InlineData("Go viral with kindness during lockdown")] // no pathogen named
    [InlineData("Solar corona heating")]
    public void Known_false_positives_are_not_tagged(string text) => Assert.Empty(CodesIn(text));

    [Fact]
    public void A_grant_mentioning_COVID_is_tagged_even_when_it_funds_a_charity_rather_than_research()
    {
        // The rules tag mentions; whether a mention means research or response is judged by the labelled sample.
        var grant = new GrantText("Grant to a food bank", "Emergency funding to keep the food bank open during the Covid-19 pandemic.",
            ProgrammeTitles: ["Coronavirus Response Fund"], AwardDate: new DateOnly(2020, 4, 1));
        Assert.Equal(["covid-19"], Tagger.TagCodes(grant));
    }

    [Fact]
    public void Each_match_names_the_rule_the_field_and_the_text_as_written()
    {
        var grant = new GrantText(
            "HIV and TB services",
            "Keeping HIV clinics open through the Coronavirus pandemic",
            ClassificationTitles: ["Health", "COVID-19"],
            ProgrammeTitles: ["Sussex Crisis Fund - COVID19"],
            AwardDate: new DateOnly(2020, 4, 14));

        var matches = Tagger.Tag(grant);

        Assert.Equal(
        [
            new PathogenMatch("covid-19", "covid-19.covid", GrantTextField.Classification, "COVID-19"),
            new PathogenMatch("covid-19", "covid-19.covid", GrantTextField.Programme, "COVID19"),
            new PathogenMatch("covid-19", "covid-19.coronavirus-since-2020", GrantTextField.Description, "Coronavirus"),
            new PathogenMatch("tuberculosis", "tuberculosis.tb", GrantTextField.Title, "TB"),
            new PathogenMatch("hiv", "hiv.name", GrantTextField.Title, "HIV"),
            new PathogenMatch("hiv", "hiv.name", GrantTextField.Description, "HIV"),
        ], matches);
        Assert.Equal(["covid-19", "tuberculosis", "hiv"], Tagger.TagCodes(grant));
    }

    [Fact]
    public void The_matched_text_keeps_the_original_dash()
    {
        var match = Assert.Single(Tagger.Tag(new GrantText("SARS\u2011CoV\u20112 genomics", null)));
        Assert.Equal("SARS\u2011CoV\u20112", match.MatchedText);
    }

    [Fact]
    public void A_grant_with_no_text_has_no_tags() => Assert.Empty(Tagger.Tag(new GrantText(null, "  ", [""], [])));

    [Fact]
    public void The_catalogue_covers_the_WHO_Blueprint_list_and_the_added_threats()
    {
        string[] expected =
        [
            "covid-19", "other-coronavirus", "ebola", "marburg", "lassa", "cchf", "nipah", "rift-valley-fever", "zika", "disease-x",
            "mpox", "influenza", "amr", "tuberculosis", "malaria", "hiv", "dengue", "chikungunya", "cholera",
        ];
        Assert.Equal(expected, PathogenCatalogue.All.Select(p => p.Code));
        Assert.All(PathogenCatalogue.All.Take(10), p => Assert.True(p.WhoBlueprint, p.Code));
    }

    [Fact]
    public void Rule_ids_are_unique_and_start_with_their_pathogen_code()
    {
        var rules = PathogenCatalogue.All.SelectMany(p => p.Rules.Select(r => (p.Code, r.Id))).ToList();
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        Assert.All(rules, r => Assert.StartsWith(r.Code + ".", r.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_rule_is_described_in_PATHOGEN_RULES_md()
    {
        var document = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "HealthAccord.Web", "Grants", "PATHOGEN-RULES.md"));
        var documented = RuleIdInBackticks().Matches(document).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var rules = PathogenCatalogue.All.SelectMany(p => p.Rules).Select(r => r.Id).ToList();

        Assert.Equal(rules.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private static void AssertTagged(string text, string code, string ruleId)
    {
        var matches = Tagger.Tag(new GrantText(null, text, AwardDate: In2021));
        Assert.Contains(matches, m => m.PathogenCode == code && m.RuleId == ruleId && m.Field == GrantTextField.Description);
        Assert.Equal([code], matches.Select(m => m.PathogenCode).Distinct());
    }

    [GeneratedRegex(@"`([a-z0-9-]+\.[a-z0-9-]+)`")]
    private static partial Regex RuleIdInBackticks();
}
