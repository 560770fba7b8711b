using System.Globalization;
using System.Text;
using FaceCompat.Infrastructure;
using FaceCompat.Studies;

namespace FaceCompat.Reporting;

/// <summary>
/// Reads a finished study's results.csv and statistics.csv back into rows and statistics; the text columns' equal values
/// share one string (<see cref="StringPool"/>: 1.4 million rows of a small vocabulary).
/// </summary>
internal static class StudyOutputFiles
{
    public static List<StudyRow> ReadRows(string path)
    {
        var (header, lines) = ReadCsv(path);
        int C(string name) => Column(header, name, path);
        int experiment = C("experiment"), fit = C("fit_dataset"), test = C("test_dataset"), pre = C("preprocessing"), source = C("source"),
            target = C("target"), sf = C("source_family"), tf = C("target_family"), map = C("map"), parameters = C("map_parameters"),
            ratio = C("train_ratio"), seed = C("seed"), protocol = C("protocol"), task = C("task"), metric = C("metric"), value = C("value");
        var pool = new StringPool();
        return lines.Select(f => new StudyRow(pool.Get(f[experiment]), pool.Get(f[fit]), pool.Get(f[test]), pool.Get(f[pre]), pool.Get(f[source]),
            pool.Get(f[target]), pool.Get(f[sf]), pool.Get(f[tf]), pool.Get(f[map]), pool.Get(f[parameters]), Number(f[ratio]),
            int.Parse(f[seed], CultureInfo.InvariantCulture), pool.Get(f[protocol]), pool.Get(f[task]), pool.Get(f[metric]), Number(f[value]))).ToList();
    }

    public static List<StudyStatistic> ReadStatistics(string path)
    {
        var (header, lines) = ReadCsv(path);
        int C(string name) => Column(header, name, path);
        int experiment = C("experiment"), fit = C("fit_dataset"), test = C("test_dataset"), pre = C("preprocessing"), source = C("source"),
            target = C("target"), map = C("map"), ratio = C("train_ratio"), protocol = C("protocol"), task = C("task"), metric = C("metric"),
            seeds = C("seeds"), mean = C("mean"), std = C("std"), low = C("ci_low"), high = C("ci_high"), w = C("wilcoxon_p"), perm = C("permutation_p");
        var pool = new StringPool();
        return lines.Select(f => new StudyStatistic(pool.Get(f[experiment]), pool.Get(f[fit]), pool.Get(f[test]), pool.Get(f[pre]),
            pool.Get(f[source]), pool.Get(f[target]), pool.Get(f[map]), Number(f[ratio]), pool.Get(f[protocol]), pool.Get(f[task]),
            pool.Get(f[metric]), int.Parse(f[seeds], CultureInfo.InvariantCulture), Number(f[mean]), Number(f[std]), Number(f[low]),
            Number(f[high]), Number(f[w]), Number(f[perm]))).ToList();
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Column(string[] header, string name, string path)
    {
        var i = Array.IndexOf(header, name);
        return i >= 0 ? i : throw new FaceCompatException($"{path}: no column '{name}'; is this a study output folder?");
    }

    /// <summary>The header and the rows, read line by line (a full study's results.csv is over half a gigabyte).</summary>
    private static (string[] Header, IEnumerable<string[]> Rows) ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new FaceCompatException($"{path} does not exist; give the output folder of a finished study.", UserHint.FinishedStudy);
        var first = File.ReadLines(path).FirstOrDefault() ?? throw new FaceCompatException($"{path} is empty.");
        var header = Split(first);
        return (header, Rows());

        IEnumerable<string[]> Rows()
        {
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                if (++number == 1 || line.Length == 0) continue;
                var fields = Split(line);
                if (fields.Length != header.Length) throw new FaceCompatException($"{path}:{number}: {fields.Length} fields, the header has {header.Length}.");
                yield return fields;
            }
        }
    }

    /// <summary>One CSV line as written by the study (RFC 4180 quoting, no line breaks inside fields).</summary>
    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
