namespace FaceCompat.Reporting.Charts;

/// <summary>How an axis places values: linearly, by log10, or by the normal deviate Φ⁻¹ (probit: the DET convention, rates in (0, 1)).</summary>
internal enum AxisScale { Linear, Log10, Probit }

/// <summary>Maps data values to pixels along one axis and chooses its ticks.</summary>
internal sealed class Axis
{
    public Axis(double min, double max, AxisScale scale, double pixelStart, double pixelEnd)
    {
        if (scale == AxisScale.Log10 && (min <= 0 || max <= 0))
            throw new ArgumentException("A log axis needs positive bounds.");
        if (scale == AxisScale.Probit && !(min > 0 && max < 1))
            throw new ArgumentException("A probit axis needs bounds strictly between 0 and 1.");
        if (!(max > min)) max = scale == AxisScale.Probit ? Math.Min(0.999, min * 10) : min + (scale == AxisScale.Log10 ? min * 9 : 1);
        Min = min;
        Max = max;
        Scale = scale;
        PixelStart = pixelStart;
        PixelEnd = pixelEnd;
    }

    public double Min { get; }
    public double Max { get; }
    public AxisScale Scale { get; }
    public double PixelStart { get; }
    public double PixelEnd { get; }

    /// <summary>The position of a value before scaling to pixels: v, log10 v, or the normal deviate Φ⁻¹(v).</summary>
    public double Transform(double v) => Scale switch
    {
        AxisScale.Log10 => Math.Log10(v),
        AxisScale.Probit => Analysis.NormalDistribution.InverseCdf(v),
        _ => v,
    };

    /// <summary>The probit axis' ticks, where they fall within its bounds: the decades of small rates, then the usual DET marks.</summary>
    private static readonly double[] ProbitTicks = [1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99];

    public double ToPixel(double value)
    {
        var t = (Transform(value) - Transform(Min)) / (Transform(Max) - Transform(Min));
        return PixelStart + t * (PixelEnd - PixelStart);
    }

    public bool Contains(double value) =>
        !double.IsNaN(value) && value >= Min && value <= Max && (Scale == AxisScale.Linear || value > 0) && (Scale != AxisScale.Probit || value < 1);

    public IReadOnlyList<double> Ticks()
    {
        var ticks = new List<double>();
        if (Scale == AxisScale.Probit) return ProbitTicks.Where(t => t >= Min * (1 - 1e-12) && t <= Max * (1 + 1e-12)).ToList();
        if (Scale == AxisScale.Log10)
        {
            for (var e = (int)Math.Floor(Math.Log10(Min)); e <= (int)Math.Ceiling(Math.Log10(Max)); e++)
            {
                var v = Math.Pow(10, e);
                if (v >= Min * (1 - 1e-12) && v <= Max * (1 + 1e-12)) ticks.Add(v);
            }
            return ticks;
        }
        var step = NiceStep((Max - Min) / 5);
        for (var v = Math.Ceiling(Min / step) * step; v <= Max + step * 1e-9; v += step)
            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0 : v);
        return ticks;
    }

    /// <summary>
    /// The linear range [min, max] widened outwards to multiples of the tick step that <see cref="Ticks"/> then uses for it, so that
    /// both ends carry a tick. A given end (<paramref name="fixedMin"/>, <paramref name="fixedMax"/>) stays as it is.
    /// </summary>
    public static (double Min, double Max) NiceRange(double min, double max, bool fixedMin = false, bool fixedMax = false)
    {
        if (!(max > min)) return (min, max);
        var (lo, hi) = (min, max);
        for (var i = 0; i < 4; i++) // widening can coarsen the step (30.6 -> 35 -> step 10 -> 40); it settles at once
        {
            var step = NiceStep((hi - lo) / 5);
            var (nextLo, nextHi) = (fixedMin ? min : Math.Floor(min / step + 1e-9) * step, fixedMax ? max : Math.Ceiling(max / step - 1e-9) * step);
            if (nextLo == lo && nextHi == hi) break;
            (lo, hi) = (nextLo, nextHi);
        }
        return (lo, hi);
    }

    private static double NiceStep(double raw)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        var nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * magnitude;
    }
}
