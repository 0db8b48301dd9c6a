using System.Text;
using UserAnalytics.Gateway.Ingest;

namespace UserAnalytics.Gateway.Tests;

public sealed class CsvRecordTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,c,", new[] { "a", "", "c", "" })]
    [InlineData("", new[] { "" })]
    [InlineData("\"x, y\",2", new[] { "x, y", "2" })]
    [InlineData("\"say \"\"hi\"\"\",\"\"", new[] { "say \"hi\"", "" })]
    [InlineData("\"two\nlines\",São Paulo", new[] { "two\nlines", "São Paulo" })]
    [InlineData("{\"\"k\"\":1},\"{\"\"k\"\":2}\"", new[] { "{\"\"k\"\":1}", "{\"k\":2}" })]
    public void FieldsAreUnquotedAndUnescaped(string record, string[] expected)
    {
        var fields = new CsvFields();

        Assert.Null(CsvRecord.Split(Encoding.UTF8.GetBytes(record), fields));

        Assert.Equal(expected, Enumerable.Range(0, fields.Count).Select(fields.Text));
    }

    [Theory]
    [InlineData("a,\"open", "a quoted field is not closed")]
    [InlineData("\"done\"x,b", "unexpected character 'x' after a quoted field")]
    public void AMalformedRecordIsNamed(string record, string error)
    {
        Assert.Equal(error, CsvRecord.Split(Encoding.UTF8.GetBytes(record), new CsvFields()));
    }

    [Fact]
    public void TheFieldsOfALongRecordAfterAShortOneAreWhole()
    {
        var fields = new CsvFields();
        CsvRecord.Split("a,b"u8, fields);
        var longField = new string('x', 5000);

        CsvRecord.Split(Encoding.UTF8.GetBytes($"\"{longField}\",z"), fields);

        Assert.Equal([longField, "z"], Enumerable.Range(0, fields.Count).Select(fields.Text));
    }
}
