namespace ActivityDashboard.Components.Controls;

/// <summary>One choice of a <see cref="ChoiceGroup{TValue}"/>: the value it selects and the text on its button.</summary>
public sealed record ChoiceOption<TValue>(TValue Value, string Text);
