# MarkdownHelp: turns PlatyPS 0.14 (schema 2.0.0) markdown into PowerShell help, because PlatyPS
# itself cannot be installed from the registries this project reaches.
#   ConvertFrom-HelpMarkdown  docs/<Cmdlet>.md        -> a command model (objects, see below)
#   ConvertTo-MamlHelp        command models          -> MAML XML text (<Assembly>.dll-Help.xml)
#   ConvertTo-AboutHelpText   docs/about_<Topic>.md   -> about_<Topic>.help.txt text (80 columns)
#   New-ModuleHelp            docs folder             -> both files in an en-US folder
# Malformed markdown throws a MarkdownHelpException-style error: '<file>:<line>: <what is wrong>'.

Set-StrictMode -Version Latest

$script:MamlNamespace = 'http://schemas.microsoft.com/maml/2004/10'
$script:CommandNamespace = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:DevNamespace = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:RequiredSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:RequiredYamlKeys = @('Type', 'Parameter Sets', 'Required', 'Position', 'Accept pipeline input')

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

function Add-XmlElement {
    <# Appends <prefix:name> (with text and attributes) to $Parent and returns it. #>
    param([System.Xml.XmlNode] $Parent, [string] $Name, [string] $Text, [System.Collections.IDictionary] $Attributes)
    $document = if ($Parent -is [System.Xml.XmlDocument]) { $Parent } else { $Parent.OwnerDocument }
    $prefix, $local = $Name -split ':', 2
    $namespace = switch ($prefix) { 'maml' { $script:MamlNamespace } 'command' { $script:CommandNamespace } 'dev' { $script:DevNamespace } }
    $element = $document.CreateElement($prefix, $local, $namespace)
    if ($Attributes) { foreach ($key in $Attributes.Keys) { $element.SetAttribute($key, [string] $Attributes[$key]) } }
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    $Parent.AppendChild($element)
}

function Add-XmlPara([System.Xml.XmlNode] $Parent, [string[]] $Paragraphs) {
    foreach ($para in @($Paragraphs)) { $null = Add-XmlElement $Parent 'maml:para' $para }
}

function Add-MamlParameter {
    <# A command:parameter of the syntax or the parameters list, PlatyPS style (no value for switches in the syntax). #>
    param([System.Xml.XmlNode] $Parent, [object] $Parameter, [object] $Set, [switch] $InSyntax)
    # 'aliases' is not in the MAML schema, but Get-Help shows a parameter's aliases only from it (PlatyPS
    # writes it too); Test-MamlSchema tolerates exactly this attribute.
    $aliases = if ($Set.Aliases.Count -gt 0) { $Set.Aliases -join ', ' } else { 'none' }
    $element = Add-XmlElement $Parent 'command:parameter' -Attributes ([ordered]@{
            required = "$($Set.Required)".ToLowerInvariant(); variableLength = 'true'; globbing = "$($Set.Globbing)".ToLowerInvariant()
            pipelineInput = $Set.PipelineInput; position = $Set.Position.ToLowerInvariant(); aliases = $aliases
        })
    $null = Add-XmlElement $element 'maml:name' $Parameter.Name
    Add-XmlPara (Add-XmlElement $element 'maml:description') $Parameter.Description
    if ($InSyntax -and $Set.AcceptedValues.Count -gt 0) {
        $group = Add-XmlElement $element 'command:parameterValueGroup'
        foreach ($value in $Set.AcceptedValues) {
            $null = Add-XmlElement $group 'command:parameterValue' $value ([ordered]@{ required = 'false'; variableLength = 'false' })
        }
    }
    $switch = $Set.Type -in 'SwitchParameter', 'Switch'
    # The schema allows a value or a value group, not both; a switch has no value in the syntax.
    if (-not ($InSyntax -and ($switch -or $Set.AcceptedValues.Count -gt 0))) {
        $null = Add-XmlElement $element 'command:parameterValue' $Set.Type ([ordered]@{ required = "$(-not $switch)".ToLowerInvariant(); variableLength = 'false' })
    }
    $type = Add-XmlElement $element 'dev:type'
    $null = Add-XmlElement $type 'maml:name' $Set.Type
    $null = Add-XmlElement $type 'maml:uri'
    $null = Add-XmlElement $element 'dev:defaultValue' $Set.DefaultValue
}

function Get-ParameterSetEntry([object] $Parameter, [string] $SetName) {
    <# The yaml block of $Parameter that applies to the set (a named match wins over '(All)'). #>
    $named = @($Parameter.Sets | Where-Object { $_.ParameterSets -contains $SetName })
    if ($named.Count -gt 0) { return $named[0] }
    @($Parameter.Sets | Where-Object { $_.ParameterSets -contains '(All)' }) | Select-Object -First 1
}

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
        Renders command models (ConvertFrom-HelpMarkdown) as one MAML help document (text).
    .DESCRIPTION
        The layout of PlatyPS New-ExternalHelp: helpItems/command:command with details, description,
        syntax (one syntaxItem per parameter set, built from the yaml blocks: '(All)' is every set),
        parameters, inputTypes, returnValues, alertSet, examples and relatedLinks.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipeline)] [object[]] $Command)
    begin {
        $document = [System.Xml.XmlDocument]::new()
        $null = $document.AppendChild($document.CreateXmlDeclaration('1.0', 'utf-8', $null))
        $root = $document.CreateElement('helpItems', 'http://msh')
        $root.SetAttribute('schema', 'maml')
        $null = $document.AppendChild($root)
    }
    process {
        foreach ($c in $Command) {
            $element = $document.CreateElement('command', 'command', $script:CommandNamespace)
            $element.SetAttribute('xmlns:maml', $script:MamlNamespace)
            $element.SetAttribute('xmlns:dev', $script:DevNamespace)
            $null = $root.AppendChild($element)

            $details = Add-XmlElement $element 'command:details'
            $verb, $noun = $c.Name -split '-', 2
            # The schema's order and required elements (copyright, version: empty).
            $null = Add-XmlElement $details 'command:name' $c.Name
            Add-XmlPara (Add-XmlElement $details 'maml:description') $c.Synopsis
            Add-XmlPara (Add-XmlElement $details 'maml:copyright') ''
            $null = Add-XmlElement $details 'command:verb' $verb
            $null = Add-XmlElement $details 'command:noun' $noun
            $null = Add-XmlElement $details 'dev:version' ''
            Add-XmlPara (Add-XmlElement $element 'maml:description') $c.Description

            $syntax = Add-XmlElement $element 'command:syntax'
            foreach ($set in $c.ParameterSets) {
                $item = Add-XmlElement $syntax 'command:syntaxItem'
                $null = Add-XmlElement $item 'maml:name' $c.Name
                $inSet = @($c.Parameters | Where-Object { Get-ParameterSetEntry $_ $set.Name })
                # The order of the markdown's syntax block; parameters it does not name come last.
                $ordered = @($inSet | Sort-Object { $i = [array]::IndexOf(@($set.ParameterOrder), $_.Name); if ($i -lt 0) { [int]::MaxValue } else { $i } })
                foreach ($p in $ordered) { Add-MamlParameter $item $p (Get-ParameterSetEntry $p $set.Name) -InSyntax }
            }

            if ($c.Parameters.Count -gt 0) {
                $parameters = Add-XmlElement $element 'command:parameters'
                foreach ($p in $c.Parameters) { Add-MamlParameter $parameters $p $p.Sets[0] }
            }

            foreach ($kind in @(@('command:inputTypes', 'command:inputType', 'Inputs'), @('command:returnValues', 'command:returnValue', 'Outputs'))) {
                $list = Add-XmlElement $element $kind[0]
                $types = @($c.($kind[2]))
                if ($types.Count -eq 0) { $types = @([pscustomobject]@{ Type = 'None'; Description = @() }) }
                foreach ($t in $types) {
                    $entry = Add-XmlElement $list $kind[1]
                    $type = Add-XmlElement $entry 'dev:type'
                    $null = Add-XmlElement $type 'maml:name' $t.Type
                    $null = Add-XmlElement $type 'maml:uri'
                    Add-XmlPara (Add-XmlElement $entry 'maml:description') $t.Description
                }
            }
            $null = Add-XmlElement $element 'command:terminatingErrors'
            $null = Add-XmlElement $element 'command:nonTerminatingErrors'

            if ($c.Notes.Count -gt 0) {
                # Optional in the schema, but an alert must hold a paragraph.
                Add-XmlPara (Add-XmlElement (Add-XmlElement $element 'maml:alertSet') 'maml:alert') $c.Notes
            }

            $examples = Add-XmlElement $element 'command:examples'
            foreach ($e in $c.Examples) {
                $example = Add-XmlElement $examples 'command:example'
                # Get-Help prints the title as is; PlatyPS frames it with dashes.
                $null = Add-XmlElement $example 'maml:title' "-------------------------- $($e.Title) --------------------------"
                $null = Add-XmlElement $example 'dev:code' ($e.CodeBlocks -join "`n`n")
                Add-XmlPara (Add-XmlElement $example 'dev:remarks') $e.Remarks
            }

            # maml:relatedLinks as the schema has it (PlatyPS writes command:relatedLinks; Get-Help reads both).
            $links = Add-XmlElement $element 'maml:relatedLinks'
            $online = if ($c.Metadata.Contains('online version')) { $c.Metadata['online version'] } else { '' }
            if ($online) {
                $link = Add-XmlElement $links 'maml:navigationLink'
                $null = Add-XmlElement $link 'maml:linkText' 'Online Version:'
                $null = Add-XmlElement $link 'maml:uri' $online
            }
            foreach ($l in $c.Links) {
                $link = Add-XmlElement $links 'maml:navigationLink'
                $null = Add-XmlElement $link 'maml:linkText' $l.Text
                $null = Add-XmlElement $link 'maml:uri' $l.Uri
            }
        }
    }
    end {
        $settings = [System.Xml.XmlWriterSettings]::new()
        $settings.Indent = $true
        $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
        $stream = [System.IO.MemoryStream]::new()
        $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
        $document.Save($writer)
        $writer.Dispose()
        [System.Text.Encoding]::UTF8.GetString($stream.ToArray())
    }
}

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

function Get-CmdletHelpFile {
    <#
    .SYNOPSIS
        The cmdlet help files of a docs folder: <Verb>-<Noun>.md with an approved verb and PascalCase names
        (guides such as path-safety.md are not cmdlet help).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $DocsPath)
    $verbs = @(Get-Verb | ForEach-Object Verb)
    Get-ChildItem -LiteralPath $DocsPath -Filter '*-*.md' -File | Where-Object {
        $_.BaseName -cmatch '^([A-Z][a-z]+)-[A-Z][A-Za-z0-9]+$' -and $verbs -ccontains $Matches[1]
    } | Sort-Object Name
}

function New-ModuleHelp {
    <#
    .SYNOPSIS
        Writes <HelpFileName> (MAML of every docs/<Verb-Noun>.md) and about_*.help.txt (of docs/about_*.md)
        into $OutputPath. Returns the files written.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $DocsPath,
        [Parameter(Mandatory)] [string] $OutputPath,
        [string] $HelpFileName = 'JsTorrent.PowerShell.dll-Help.xml'
    )
    $docs = (Resolve-Path -LiteralPath $DocsPath).ProviderPath
    $null = New-Item -ItemType Directory -Path $OutputPath -Force
    $cmdletFiles = @(Get-CmdletHelpFile -DocsPath $docs)
    if ($cmdletFiles.Count -gt 0) {
        $commands = @($cmdletFiles | ForEach-Object {
                $command = ConvertFrom-HelpMarkdown -Path $_.FullName
                if ($command.Name -ne $_.BaseName) {
                    throw (New-MarkdownError $_.Name 0 "the title '# $($command.Name)' does not match the file name.")
                }
                $command
            })
        $target = Join-Path $OutputPath $HelpFileName
        [System.IO.File]::WriteAllText($target, (ConvertTo-MamlHelp -Command $commands), [System.Text.UTF8Encoding]::new($false))
        Get-Item -LiteralPath $target
    }
    foreach ($about in @(Get-ChildItem -LiteralPath $docs -Filter 'about_*.md' -File)) {
        $target = Join-Path $OutputPath ($about.BaseName + '.help.txt')
        [System.IO.File]::WriteAllText($target, (ConvertTo-AboutHelpText -Path $about.FullName), [System.Text.UTF8Encoding]::new($false))
        Get-Item -LiteralPath $target
    }
}

function Test-MamlSchema {
    <#
    .SYNOPSIS
        Validates each command:command of a MAML file against the MAML schema shipped with PowerShell
        ($PSHOME/Schemas/PSMaml). Returns the validation messages (none = valid); throws when the schema is absent.
        The one thing tolerated is the 'aliases' attribute of command:parameter: the schema lacks it, yet
        PowerShell's own help files (PlatyPS) carry it and Get-Help reads a parameter's aliases from it.
    .DESCRIPTION
        The schema files are copied to a temporary folder first: developer.xsd imports 'maml.xsd' while the
        file is named Maml.xsd, which a case-sensitive file system does not resolve.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path, [string] $SchemaFolder = (Join-Path $PSHOME 'Schemas/PSMaml'))
    if (-not (Test-Path -LiteralPath (Join-Path $SchemaFolder 'developerCommand.xsd'))) { throw "No MAML schema under $SchemaFolder." }
    $copy = Join-Path ([System.IO.Path]::GetTempPath()) ('maml-xsd-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $copy
    try {
        Get-ChildItem -LiteralPath $SchemaFolder -Filter '*.xsd' -File | ForEach-Object {
            $target = if ($_.Name -eq 'Maml.xsd') { 'maml.xsd' } else { $_.Name }
            Copy-Item -LiteralPath $_.FullName -Destination (Join-Path $copy $target)
        }
        $schemas = [System.Xml.Schema.XmlSchemaSet]::new()
        $schemas.XmlResolver = [System.Xml.XmlUrlResolver]::new()
        $null = $schemas.Add($script:CommandNamespace, (Join-Path $copy 'developerCommand.xsd'))
        $schemas.Compile()

        $messages = [System.Collections.Generic.List[string]]::new()
        $document = [System.Xml.Linq.XDocument]::Load((Resolve-Path -LiteralPath $Path).ProviderPath, [System.Xml.Linq.LoadOptions]::SetLineInfo)
        foreach ($command in $document.Root.Elements([System.Xml.Linq.XName]::Get('command', $script:CommandNamespace))) {
            $name = $command.Element([System.Xml.Linq.XName]::Get('details', $script:CommandNamespace)).Element([System.Xml.Linq.XName]::Get('name', $script:CommandNamespace)).Value
            $single = [System.Xml.Linq.XDocument]::new($command)
            $handler = [System.Xml.Schema.ValidationEventHandler] {
                param($sender, $e)
                if ($sender -is [System.Xml.Linq.XAttribute] -and $sender.Name.LocalName -eq 'aliases' -and $sender.Parent.Name.LocalName -eq 'parameter') { return }
                $where = if ($sender -is [System.Xml.Linq.XObject]) {
                    $node = if ($sender -is [System.Xml.Linq.XAttribute]) { $sender.Parent } else { $sender }
                    $names = @($node.AncestorsAndSelf() | ForEach-Object { $_.Name.LocalName })
                    [array]::Reverse($names)
                    $names -join '/'
                }
                $messages.Add("${name}: ${where}: $($e.Severity): $($e.Message)")
            }.GetNewClosure()
            [System.Xml.Schema.Extensions]::Validate($single, $schemas, $handler)
        }
        , @($messages)
    }
    finally {
        Remove-Item -LiteralPath $copy -Recurse -Force
    }
}

Export-ModuleMember -Function Get-CmdletHelpFile, ConvertFrom-HelpMarkdown, ConvertTo-MamlHelp, ConvertTo-AboutHelpText, New-ModuleHelp, Test-MamlSchema
