# Markdown help, part 3: about topics as 80-column text (dot-sourced by ../MarkdownHelp.psm1).

function Format-WrappedText {
    <# Words of $Text on lines of at most $Width columns, each starting with $Indent (a longer word gets a line of its own). #>
    param([string] $Text, [string] $Indent, [int] $Width = 80, [string] $Hanging)
    if ($null -eq $Hanging) { $Hanging = $Indent }
    $line = ''
    $prefix = $Indent
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ })) {
        if ($line -and ($prefix.Length + $line.Length + 1 + $word.Length) -gt $Width) {
            $prefix + $line
            $prefix = $Hanging
            $line = $word
        }
        else { $line = if ($line) { "$line $word" } else { $word } }
    }
    if ($line) { $prefix + $line }
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
        Renders a PlatyPS about-topic markdown file as about_<Topic>.help.txt text.
    .DESCRIPTION
        '# about_X' becomes TOPIC, each '## HEADING' an upper-case heading at column 0 with its text indented
        by 4, each '### Sub-section' a heading indented by 4 with its text indented by 8; paragraphs are
        wrapped at 80 columns, list items get a hanging indent, code blocks keep their lines.
        SHORT DESCRIPTION and LONG DESCRIPTION are required.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    $file = (Resolve-Path -LiteralPath $Path).ProviderPath
    $name = Split-Path -Leaf $file
    $lines = @([System.IO.File]::ReadAllLines($file))
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $start = 1
        while ($start -lt $lines.Count -and $lines[$start].Trim() -ne '---') { $start++ }
        $start++
    }
    $blocks = Split-MarkdownBlock -Lines ($lines | Select-Object -Skip $start) -FirstLine ($start + 1) -File $name
    $title = @($blocks | Where-Object { $_.Kind -eq 'Heading' } | Select-Object -First 1)
    if ($title.Count -ne 1 -or $title[0].Level -ne 1 -or $title[0].Text -notmatch '^about_\w+$') {
        throw (New-MarkdownError $name 0 "expected a '# about_<Topic>' title first.")
    }
    # PlatyPS's own about template has '# SHORT DESCRIPTION' (level 1) and repeats the title as '## about_X':
    # accept both, as sections of level 2.
    $blocks = @($blocks | Where-Object { $_ -ne $title[0] -and -not ($_.Kind -eq 'Heading' -and $_.Text.Trim() -eq $title[0].Text.Trim()) } | ForEach-Object {
            if ($_.Kind -eq 'Heading' -and $_.Level -eq 1) { [pscustomobject]@{ Kind = 'Heading'; Line = $_.Line; Level = 2; Text = $_.Text } } else { $_ }
        })
    $headings = @($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 2 } | ForEach-Object { $_.Text.Trim().ToUpperInvariant() })
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if ($headings -notcontains $required) { throw (New-MarkdownError $name 0 "the section '## $required' is missing.") }
    }

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add('    ' + $title[0].Text.Trim())
    $indent = '    '
    foreach ($block in $blocks) {
        switch ($block.Kind) {
            'Heading' {
                $out.Add('')
                if ($block.Level -eq 2) { $out.Add($block.Text.Trim().ToUpperInvariant()); $indent = '    ' }
                else { $out.Add('    ' + (ConvertTo-PlainInline $block.Text.Trim())); $indent = '        ' }
            }
            'Code' {
                if ($out[$out.Count - 1] -ne '' -and $out[$out.Count - 1] -notmatch '^\S') { $out.Add('') }
                foreach ($codeLine in ($block.Text -split "`n")) { $out.Add(($indent + '    ' + $codeLine).TrimEnd()) }
            }
            'Text' {
                if ($out[$out.Count - 1] -ne '' -and $out[$out.Count - 1] -notmatch '^\S') { $out.Add('') }
                foreach ($para in (ConvertTo-Paragraph @($block))) {
                    if ($para -match '^([-*]|\d+[.)]) ') {
                        $hanging = $indent + (' ' * ($Matches[1].Length + 1))
                        foreach ($l in (Format-WrappedText $para $indent 80 $hanging)) { $out.Add($l) }
                    }
                    else { foreach ($l in (Format-WrappedText $para $indent 80)) { $out.Add($l) } }
                }
            }
        }
    }
    ($out -join [Environment]::NewLine) + [Environment]::NewLine
}
