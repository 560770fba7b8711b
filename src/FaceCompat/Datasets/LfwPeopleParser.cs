using FaceCompat.Infrastructure;

namespace FaceCompat.Datasets;

/// <summary>A person of LFW's <c>people.txt</c>: the set (1-based fold) and how many images they have.</summary>
internal sealed record LfwPerson(string Name, int ImageCount, int Fold);

/// <summary>
/// Parses LFW's <c>people.txt</c> (and <c>peopleDevTrain/Test.txt</c>): a line with the number of sets
/// (absent in View 1 files), then per set a count line followed by that many "name count" lines.
/// </summary>
internal static class LfwPeopleParser
{
    public static IReadOnlyList<LfwPerson> Parse(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"LFW people file not found: {path}");
        return Parse(File.ReadAllLines(path), path);
    }

    public static IReadOnlyList<LfwPerson> Parse(IReadOnlyList<string> lines, string source = "people.txt")
    {
        var content = lines.Select((text, i) => (Text: text.Trim(), Line: i + 1)).Where(l => l.Text.Length > 0).ToList();
        if (content.Count == 0) throw new FaceCompatException($"{source}: empty people file.");
        // View 2 starts with the number of sets; View 1 files start directly with one set's count.
        var sets = 1;
        var at = 0;
        if (content.Count > 1 && LfwPairsParser.Split(content[1].Text).Length == 1)
        {
            sets = LfwPairsParser.Int(content[0].Text, source, content[0].Line);
            at = 1;
        }
        var people = new List<LfwPerson>();
        for (var fold = 1; fold <= sets; fold++)
        {
            if (at >= content.Count) throw new FaceCompatException($"{source}: expected {sets} sets, found {fold - 1}.");
            var count = LfwPairsParser.Int(content[at].Text, source, content[at].Line);
            at++;
            for (var i = 0; i < count; i++, at++)
            {
                if (at >= content.Count) throw new FaceCompatException($"{source}: set {fold} ends early.");
                var f = LfwPairsParser.Split(content[at].Text);
                if (f.Length != 2) throw new FaceCompatException($"{source}:{content[at].Line}: expected 'name count', got '{content[at].Text}'.");
                people.Add(new LfwPerson(f[0], LfwPairsParser.Int(f[1], source, content[at].Line), fold));
            }
        }
        if (at != content.Count) throw new FaceCompatException($"{source}:{content[at].Line}: unexpected extra lines after {sets} sets.");
        return people;
    }
}
