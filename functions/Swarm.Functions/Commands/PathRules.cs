using System.CommandLine;

namespace Swarm.Functions.Commands;

/// <summary>
/// Options and arguments that name a file or a folder: help shows which (<c>&lt;file&gt;</c>, <c>&lt;folder&gt;</c>),
/// and a path of the other kind is a one-line parse error (exit code 2), before anything opens it.
/// </summary>
public static class PathRules
{
    /// <summary>The help name of a folder option.</summary>
    public const string FolderName = "folder";

    /// <summary>The help name of a file option or argument.</summary>
    public const string FileName = "file";

    /// <summary><paramref name="option"/> names a folder (it need not exist yet).</summary>
    public static Option<T> Folder<T>(this Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.HelpName = FolderName;
        option.Validators.Add(r => Check(r.Tokens, option.Name, FolderName, r.AddError));
        return option;
    }

    /// <summary><paramref name="option"/> names a file.</summary>
    public static Option<T> File<T>(this Option<T> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.HelpName = FileName;
        option.Validators.Add(r => Check(r.Tokens, option.Name, FileName, r.AddError));
        return option;
    }

    /// <summary><paramref name="argument"/> names a file.</summary>
    public static Argument<T> File<T>(this Argument<T> argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var name = argument.Name;
        argument.HelpName = FileName;
        argument.Validators.Add(r => Check(r.Tokens, name, FileName, r.AddError));
        return argument;
    }

    private static void Check(IReadOnlyList<System.CommandLine.Parsing.Token> tokens, string name, string kind, Action<string> error)
    {
        foreach (var token in tokens)
        {
            if (kind == FolderName && System.IO.File.Exists(token.Value))
            {
                error($"{name}: '{token.Value}' is a file; give a folder.");
            }
            else if (kind == FileName && Directory.Exists(token.Value))
            {
                error($"{name}: '{token.Value}' is a folder; give a file.");
            }
        }
    }
}
