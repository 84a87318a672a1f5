# Markdown help, part 1: parsing PlatyPS markdown into a command model (dot-sourced by ../MarkdownHelp.psm1).

function New-MarkdownError([string] $File, [int] $Line, [string] $Message) {
    <# The error every parse failure throws: names the file and line so the build log points at it. #>
    $text = if ($Line -gt 0) { "${File}:${Line}: $Message" } else { "${File}: $Message" }
    [System.Management.Automation.ErrorRecord]::new(
        [System.FormatException]::new($text), 'MalformedHelpMarkdown', [System.Management.Automation.ErrorCategory]::InvalidData, $File)
}

function Split-MarkdownBlock {
    <#
        Splits markdown lines (with their 1-based numbers) into blocks: Heading (Level, Text), Code (Language,
        Text) and Text (Lines: the raw lines of one paragraph or list). Fenced code is never read as headings,
        so '# comment' lines inside examples stay code.
    #>
    param([string[]] $Lines, [int] $FirstLine, [string] $File)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $paragraphLine = 0
    $flush = {
        if ($paragraph.Count -gt 0) {
            $blocks.Add([pscustomobject]@{ Kind = 'Text'; Line = $paragraphLine; Lines = @($paragraph) })
            $paragraph.Clear()
        }
    }
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        $number = $FirstLine + $i
        if ($line -match '^\s*(```+|~~~+)\s*([\w+-]*)\s*$') {
            . $flush
            $fence = $Matches[1]
            $language = $Matches[2]
            $code = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i] -notmatch ('^\s*' + [regex]::Escape($fence) + '\s*$')) {
                $code.Add($Lines[$i])
                $i++
            }
            if ($i -ge $Lines.Count) { throw (New-MarkdownError $File $number "the code block that starts here is not closed with $fence.") }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Line = $number; Language = $language; Text = ($code -join "`n") })
        }
        elseif ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            . $flush
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Line = $number; Level = $Matches[1].Length; Text = $Matches[2] })
        }
        elseif ($line.Trim() -eq '') {
            . $flush
        }
        else {
            if ($paragraph.Count -eq 0) { $paragraphLine = $number }
            $paragraph.Add($line)
        }
        $i++
    }
    . $flush
    , $blocks
}

function ConvertTo-PlainInline([string] $Text) {
    <# Markdown inline syntax that reads badly in a console: links become their text, escapes are removed. #>
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\([^)]*\)', '$1')
    $Text = [regex]::Replace($Text, '\\([\\`*_{}\[\]()#+\-.!<>])', '$1')
    $Text
}

function ConvertTo-Paragraph {
    <#
        The paragraphs of a run of Text/Code blocks: a paragraph's lines are joined with spaces (markdown
        soft breaks), each list item is a paragraph of its own ('- item'), code keeps its lines.
    #>
    param([object[]] $Blocks)
    foreach ($block in $Blocks) {
        if ($block.Kind -eq 'Code') { $block.Text; continue }
        $item = $null
        foreach ($line in $block.Lines) {
            if ($line -match '^\s*([-*+]|\d+[.)])\s+(.*)$') {
                if ($null -ne $item) { ConvertTo-PlainInline $item }
                $bullet, $rest = $Matches[1], $Matches[2].Trim()
                $marker = if ($bullet -match '^\d') { $bullet } else { '-' }
                $item = "$marker $rest"
            }
            elseif ($null -ne $item) { $item += ' ' + $line.Trim() }
            else { $item = $line.Trim() }
        }
        if ($null -ne $item) { ConvertTo-PlainInline $item }
    }
}

function ConvertFrom-ParameterYaml {
    <# One ```yaml block of a parameter: the PlatyPS keys, checked. #>
    param([object] $Block, [string] $Parameter, [string] $File)
    $values = @{}
    $lineNumber = $Block.Line
    foreach ($line in ($Block.Text -split "`n")) {
        $lineNumber++
        if ($line.Trim() -eq '') { continue }
        if ($line -notmatch '^([A-Za-z][A-Za-z ]*?):\s*(.*?)\s*$') {
            throw (New-MarkdownError $File $lineNumber "the yaml block of -$Parameter has a line that is not 'Key: value': '$line'.")
        }
        $values[$Matches[1]] = $Matches[2]
    }
    foreach ($key in $script:RequiredYamlKeys) {
        if (-not $values.ContainsKey($key) -or ($key -ne 'Parameter Sets' -and $values[$key] -eq '')) {
            throw (New-MarkdownError $File $Block.Line "the yaml block of -$Parameter has no '${key}:' value.")
        }
    }
    if ($values['Required'] -notmatch '^(?i)(true|false)$') {
        throw (New-MarkdownError $File $Block.Line "-${Parameter}: 'Required: $($values['Required'])' is not True or False.")
    }
    if ($values['Position'] -notmatch '^(?i)(named|\d+)$') {
        throw (New-MarkdownError $File $Block.Line "-${Parameter}: 'Position: $($values['Position'])' is not Named or a number.")
    }
    $pipeline = $values['Accept pipeline input']
    if ($pipeline -notmatch '^(?i)(false|true \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$') {
        throw (New-MarkdownError $File $Block.Line "-${Parameter}: 'Accept pipeline input: $pipeline' is not False or True (ByValue, ByPropertyName).")
    }
    $wildcard = if ($values.ContainsKey('Accept wildcard characters')) { $values['Accept wildcard characters'] } else { 'False' }
    if ($wildcard -notmatch '^(?i)(true|false)$') {
        throw (New-MarkdownError $File $Block.Line "-${Parameter}: 'Accept wildcard characters: $wildcard' is not True or False.")
    }
    $split = { param($text) @(if ($text) { $text -split '\s*,\s*' | Where-Object { $_ } }) }
    $sets = @(& $split $values['Parameter Sets'])
    if ($sets.Count -eq 0) { $sets = @('(All)') }
    $pipelineText = if ($pipeline -match '^(?i)false$') { 'False' } else { 'True (' + (($pipeline -replace '^(?i)true \(|\)$') -split '\s*,\s*' -join ', ') + ')' }
    [pscustomobject]@{
        Type           = $values['Type']
        ParameterSets  = $sets
        Aliases        = @(& $split $values['Aliases'])
        AcceptedValues = @(& $split $values['Accepted values'])
        Required       = $values['Required'] -match '^(?i)true$'
        Position       = if ($values['Position'] -match '^\d+$') { $values['Position'] } else { 'Named' }
        DefaultValue   = if ($values['Default value']) { $values['Default value'] } else { 'None' }
        PipelineInput  = $pipelineText
        Globbing       = $wildcard -match '^(?i)true$'
    }
}

function ConvertFrom-HelpMarkdown {
    <#
    .SYNOPSIS
        Parses one PlatyPS cmdlet markdown file into a command model.
    .DESCRIPTION
        Returns Name, Metadata (front matter), Synopsis, Description (paragraphs), ParameterSets (names from
        the SYNTAX ### headings, DefaultParameterSet, and the -Parameter order of each syntax block),
        Examples (Title, Code = the first code block, PowerShellCode = the first ```powershell block, CodeBlocks,
        Remarks), Parameters (Name, Description,
        Sets = one entry per yaml block), Inputs/Outputs (Type, Description), Notes and Links (Text, Uri).
        Throws '<file>:<line>: ...' when a section is missing or a yaml block cannot be read.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)
    process {
        $file = (Resolve-Path -LiteralPath $Path).ProviderPath
        $name = Split-Path -Leaf $file
        $lines = @([System.IO.File]::ReadAllLines($file))
        $metadata = [ordered]@{}
        $start = 0
        if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
            $end = 1
            while ($end -lt $lines.Count -and $lines[$end].Trim() -ne '---') {
                if ($lines[$end] -match '^([^:]+):\s*(.*)$') { $metadata[$Matches[1].Trim()] = $Matches[2].Trim() }
                $end++
            }
            if ($end -ge $lines.Count) { throw (New-MarkdownError $name 1 'the front matter (---) is not closed.') }
            $start = $end + 1
        }
        $blocks = Split-MarkdownBlock -Lines ($lines | Select-Object -Skip $start) -FirstLine ($start + 1) -File $name

        $title = @($blocks | Where-Object { $_.Kind -eq 'Heading' -and $_.Level -eq 1 })
        if ($title.Count -ne 1) { throw (New-MarkdownError $name 0 "expected one '# <Cmdlet-Name>' title, found $($title.Count).") }
        $commandName = $title[0].Text.Trim()

        # Sections: the blocks under each '## NAME'.
        $sections = @{}
        $current = $null
        foreach ($block in $blocks) {
            if ($block.Kind -eq 'Heading' -and $block.Level -le 2) {
                $current = if ($block.Level -eq 2) { $block.Text.Trim().ToUpperInvariant() } else { $null }
                if ($current) {
                    if ($sections.ContainsKey($current)) { throw (New-MarkdownError $name $block.Line "the section '## $current' appears twice.") }
                    $sections[$current] = [System.Collections.Generic.List[object]]::new()
                }
                continue
            }
            if ($current) { $sections[$current].Add($block) }
        }
        foreach ($section in $script:RequiredSections) {
            if (-not $sections.ContainsKey($section)) { throw (New-MarkdownError $name 0 "the section '## $section' is missing.") }
        }
        $subsections = {
            param([string] $Section)
            $result = [System.Collections.Generic.List[object]]::new()
            foreach ($block in $sections[$Section]) {
                if ($block.Kind -eq 'Heading' -and $block.Level -eq 3) {
                    $result.Add([pscustomobject]@{ Title = $block.Text.Trim(); Line = $block.Line; Blocks = [System.Collections.Generic.List[object]]::new() })
                }
                elseif ($result.Count -gt 0) { $result[$result.Count - 1].Blocks.Add($block) }
                elseif ($block.Kind -ne 'Heading' -and $Section -notin 'SYNTAX') {
                    throw (New-MarkdownError $name $block.Line "text in '## $Section' must be under a '### ' heading.")
                }
            }
            , $result
        }

        $synopsis = @(ConvertTo-Paragraph @($sections['SYNOPSIS']))
        if ($synopsis.Count -eq 0) { throw (New-MarkdownError $name 0 "'## SYNOPSIS' is empty.") }
        $description = @(ConvertTo-Paragraph @($sections['DESCRIPTION']))
        if ($description.Count -eq 0) { throw (New-MarkdownError $name 0 "'## DESCRIPTION' is empty.") }

        # Parameter sets: one '### Name' (or '### Name (Default)') per set; none means a single set.
        $sets = [System.Collections.Generic.List[object]]::new()
        $syntaxSections = & $subsections 'SYNTAX'
        if ($syntaxSections.Count -eq 0) {
            $syntaxSections = @([pscustomobject]@{ Title = '(All)'; Line = 0; Blocks = @($sections['SYNTAX']) })
        }
        foreach ($s in $syntaxSections) {
            $code = @($s.Blocks | Where-Object { $_.Kind -eq 'Code' })
            if ($code.Count -ne 1) { throw (New-MarkdownError $name $s.Line "the syntax of the parameter set '$($s.Title)' needs exactly one code block.") }
            $setName = $s.Title -replace '\s*\(Default\)\s*$'
            $order = @([regex]::Matches($code[0].Text, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value } | Select-Object -Unique)
            $sets.Add([pscustomobject]@{ Name = $setName; IsDefault = $s.Title -match '\(Default\)\s*$'; ParameterOrder = $order })
        }

        $examples = foreach ($e in (& $subsections 'EXAMPLES')) {
            $code = @($e.Blocks | Where-Object { $_.Kind -eq 'Code' })
            if ($code.Count -eq 0) { throw (New-MarkdownError $name $e.Line "the example '$($e.Title)' has no code block.") }
            # Remarks: the text after the first code block; further code blocks (sample output) are code.
            $firstCode = $e.Blocks.IndexOf($code[0])
            $remarks = @(ConvertTo-Paragraph @($e.Blocks | Select-Object -Skip ($firstCode + 1) | Where-Object { $_.Kind -ne 'Code' }))
            $powershell = @($code | Where-Object Language -EQ 'powershell')
            [pscustomobject]@{
                Title = $e.Title; Line = $e.Line; Code = $code[0].Text; Language = $code[0].Language
                PowerShellCode = if ($powershell.Count -gt 0) { $powershell[0].Text } else { $null }
                CodeBlocks = @($code | ForEach-Object Text); Remarks = $remarks
            }
        }
        if (@($examples).Count -eq 0) { throw (New-MarkdownError $name 0 "'## EXAMPLES' has no '### Example' section.") }

        $parameters = foreach ($p in (& $subsections 'PARAMETERS')) {
            if ($p.Title -eq 'CommonParameters') { continue }
            if ($p.Title -notmatch '^-(\w+)$') { throw (New-MarkdownError $name $p.Line "a parameter heading must be '### -Name', not '### $($p.Title)'.") }
            $parameterName = $Matches[1]
            $yaml = @($p.Blocks | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' })
            if ($yaml.Count -eq 0) { throw (New-MarkdownError $name $p.Line "-$parameterName has no ```yaml block.") }
            $text = @(ConvertTo-Paragraph @($p.Blocks | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') }))
            if ($text.Count -eq 0) { throw (New-MarkdownError $name $p.Line "-$parameterName has no description.") }
            [pscustomobject]@{
                Name        = $parameterName
                Description = $text
                Sets        = @($yaml | ForEach-Object { ConvertFrom-ParameterYaml -Block $_ -Parameter $parameterName -File $name })
            }
        }

        $types = {
            param([string] $Section)
            foreach ($t in (& $subsections $Section)) {
                [pscustomobject]@{ Type = $t.Title; Description = @(ConvertTo-Paragraph @($t.Blocks)) }
            }
        }
        $links = foreach ($block in $sections['RELATED LINKS']) {
            if ($block.Kind -ne 'Text') { continue }
            foreach ($line in $block.Lines) {
                foreach ($m in [regex]::Matches($line, '\[([^\]]+)\]\(([^)]*)\)')) {
                    # Links to sibling .md files are help topics (Get-Help finds them by name); web links keep their URI.
                    $uri = if ($m.Groups[2].Value -match '^https?://') { $m.Groups[2].Value } else { '' }
                    [pscustomobject]@{ Text = $m.Groups[1].Value; Uri = $uri }
                }
            }
        }

        [pscustomobject]@{
            PSTypeName    = 'MarkdownHelp.Command'
            Name          = $commandName
            File          = $file
            Metadata      = $metadata
            Synopsis      = $synopsis -join ' '
            Description   = $description
            ParameterSets = @($sets)
            Examples      = @($examples)
            Parameters    = @($parameters)
            Inputs        = @(& $types 'INPUTS')
            Outputs       = @(& $types 'OUTPUTS')
            Notes         = @(ConvertTo-Paragraph @($sections['NOTES']))
            Links         = @($links)
        }
    }
}
