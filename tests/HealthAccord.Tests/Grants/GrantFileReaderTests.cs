using System.Text;
using HealthAccord.Web.Grants.Import;
using static HealthAccord.Tests.Grants.GrantFiles;

namespace HealthAccord.Tests.Grants;

public sealed class GrantFileReaderTests
{
    [Fact]
    public async Task A_file_is_read_by_the_reader_of_its_format_and_named_after_the_file()
    {
        var results = await ReadAllAsync(GrantFileReader.Open(Tracker, GrantFileFormat.ThreeSixtyGivingJson, null, TestContext.Current.CancellationToken));

        Assert.Equal(1978, results.Count(r => r.IsValid));
        Assert.All(results, r => Assert.Equal("grants_data.json", r.Record!.DatasetName));
    }

    [Fact]
    public async Task A_missing_file_is_a_file_error_not_an_exception()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");

        var only = Assert.Single(await ReadAllAsync(GrantFileReader.Open(missing, GrantFileFormat.ThreeSixtyGivingJson, null, TestContext.Current.CancellationToken)));

        Assert.True(only.IsFileError);
        Assert.Contains(missing, only.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CORDIS_folder_is_read_through_the_common_entry_point()
    {
        var folder = Directory.CreateTempSubdirectory("cordis-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "project.csv"),
                "\"id\";\"title\";\"startDate\";\"endDate\";\"ecMaxContribution\";\"ecSignatureDate\"\n\"101000001\";\"One\";\"2022-01-01\";\"2023-12-31\";\"1000,5\";\"2021-12-01\"\n",
                TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "organization.csv"),
                "\"projectID\";\"name\";\"role\";\"country\";\"ecContribution\"\n\"101000001\";\"LEAD ORG\";\"coordinator\";\"DE\";\"1000,5\"\n",
                TestContext.Current.CancellationToken);

            var result = Assert.Single(await ReadAllAsync(GrantFileReader.Open(folder.FullName, GrantFileFormat.Cordis, null, TestContext.Current.CancellationToken)));

            Assert.True(result.IsValid, string.Join("; ", result.Issues));
            Assert.Equal((1000.5m, folder.Name), (result.Record!.AmountAwarded, result.Record.DatasetName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_CORDIS_export_cannot_come_as_one_stream()
    {
        var only = Assert.Single(await ReadAllAsync(GrantFileReader.Open(new MemoryStream(), GrantFileFormat.Cordis, null, TestContext.Current.CancellationToken)));

        Assert.True(only.IsFileError);
        Assert.Contains("two files", only.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapped_CSV_without_a_mapping_is_a_file_error()
    {
        var only = Assert.Single(await ReadAllAsync(GrantFileReader.Open(new MemoryStream(Encoding.UTF8.GetBytes("Ref\n1\n")), GrantFileFormat.MappedCsv,
            null, TestContext.Current.CancellationToken)));

        Assert.True(only.IsFileError);
        Assert.Contains("needs a mapping", only.Issues[0].Reason, StringComparison.Ordinal);
    }
}
