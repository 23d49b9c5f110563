namespace PlanRules.Import;

/// <summary>Chinese numerals as notices number their parts: 一 … 九十九 (also 〇/零 and 两).</summary>
internal static class ChineseNumerals
{
    public static bool IsDigit(char c) => Digit(c) >= 0 || c is '十' or '百';

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    /// <summary>Parses 一, 十, 十二, 二十, 二十三, 一百零五, or Arabic digits; false for anything else or 0.</summary>
    public static bool TryParse(string text, out int value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 6) return false;
        if (text.All(char.IsAsciiDigit)) return int.TryParse(text, out value) && value > 0;
        int total = 0, current = -1;
        foreach (var c in text)
        {
            if (c == '百')
            {
                total += (current < 0 ? 1 : current) * 100;
                current = -1;
            }
            else if (c == '十')
            {
                total += (current < 0 ? 1 : current) * 10;
                current = -1;
            }
            else
            {
                var d = Digit(c);
                if (d < 0) return false;
                current = d;
            }
        }
        if (current > 0) total += current;
        value = total;
        return value > 0;
    }
}
