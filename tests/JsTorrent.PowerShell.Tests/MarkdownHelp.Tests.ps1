# The help generator tools/MarkdownHelp.psm1 (build.ps1 Docs): PlatyPS markdown -> MAML and about_*.help.txt,
# and its errors for malformed markdown. No engine: the generator is plain PowerShell.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../tools/MarkdownHelp.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:work = New-TestFolder

    $script:sample = @'
---
external help file: Sample.dll-Help.xml
Module Name: Sample
online version: https://example.org/Get-Sample
schema: 2.0.0
---

# Get-Sample

## SYNOPSIS
Gets samples.

## SYNTAX

### Path (Default)
```
Get-Sample [-Path] <String[]> [-Kind <SampleKind>] [-Force] [-WhatIf] [<CommonParameters>]
```

### Id
```
Get-Sample -Id <Int32> [-Kind <SampleKind>] [<CommonParameters>]
```

## DESCRIPTION
First paragraph
over two lines.

- one item
- another item
  continued

## EXAMPLES

### Example 1: Get a sample
```powershell
# Not run by the tests: needs a sample server
Get-Sample -Path a & b <c>
```

```output
Name
----
a
```

It gets [the sample](https://example.org).

## PARAMETERS

### -Force
Forces it.

```yaml
Type: SwitchParameter
Parameter Sets: Path
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### -Id
The id.

```yaml
Type: Int32
Parameter Sets: Id
Aliases: Number

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Kind
The kind.

```yaml
Type: SampleKind
Parameter Sets: Path
Aliases:
Accepted values: Small, Large

Required: False
Position: Named
Default value: Small
Accept pipeline input: False
Accept wildcard characters: False
```

```yaml
Type: SampleKind
Parameter Sets: Id
Aliases:
Accepted values: Small, Large

Required: True
Position: 1
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### -Path
The paths.

```yaml
Type: String[]
Parameter Sets: Path
Aliases: PSPath, P

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### -WhatIf
Shows what would happen.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases: wi

Required: False
Position: Named
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String[]
Paths.

## OUTPUTS

### Sample.Item
A sample.

## NOTES
A note.

## RELATED LINKS

[Set-Sample](Set-Sample.md)

[Web](https://example.org/web)
'@

    function Write-Doc([string] $Name, [string] $Text) {
        $path = Join-Path $work $Name
        [System.IO.File]::WriteAllText($path, $Text)
        $path
    }

    function Get-ParseError([string] $Text) {
        <# The message of the error ConvertFrom-HelpMarkdown throws for $Text (written as Get-Sample.md). #>
        $path = Write-Doc 'Get-Sample.md' $Text
        try { $null = ConvertFrom-HelpMarkdown -Path $path } catch { return $_.Exception.Message }
        throw 'ConvertFrom-HelpMarkdown did not fail.'
    }

    $script:samplePath = Write-Doc 'Get-Sample.md' $sample
    $script:model = ConvertFrom-HelpMarkdown -Path $samplePath
    [xml] $script:maml = ConvertTo-MamlHelp -Command $model
    $script:ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
    $ns.AddNamespace('msh', 'http://msh')
    $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
    $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')

    function Select-Maml([string] $XPath) { , @($maml.SelectNodes($XPath, $ns)) }
    function Get-SyntaxParameter([int] $Item, [string] $Name) {
        Select-Maml "//command:syntax/command:syntaxItem[$Item]/command:parameter[maml:name='$Name']" | Select-Object -First 1
    }
}

AfterAll {
    Remove-Item -LiteralPath $work -Recurse -Force
}

Describe 'ConvertFrom-HelpMarkdown' {
    It 'reads the name, front matter, synopsis and description paragraphs (soft breaks joined, list items apart)' {
        $model.Name | Should -Be 'Get-Sample'
        $model.Metadata['online version'] | Should -Be 'https://example.org/Get-Sample'
        $model.Synopsis | Should -Be 'Gets samples.'
        $model.Description | Should -Be @('First paragraph over two lines.', '- one item', '- another item continued')
    }

    It 'reads the parameter sets of SYNTAX, the default one and the parameter order of each' {
        $model.ParameterSets.Name | Should -Be @('Path', 'Id')
        $model.ParameterSets[0].IsDefault | Should -BeTrue
        $model.ParameterSets[1].IsDefault | Should -BeFalse
        $model.ParameterSets[0].ParameterOrder | Should -Be @('Path', 'Kind', 'Force', 'WhatIf')
    }

    It 'reads an example: title, the first code block (a # comment is code, not a heading), all blocks and the remarks' {
        $model.Examples.Count | Should -Be 1
        $example = $model.Examples[0]
        $example.Title | Should -Be 'Example 1: Get a sample'
        $example.Language | Should -Be 'powershell'
        $example.Code | Should -Be "# Not run by the tests: needs a sample server`nGet-Sample -Path a & b <c>"
        $example.CodeBlocks.Count | Should -Be 2
        $example.Remarks | Should -Be @('It gets the sample.')
    }

    It 'reads one yaml block per parameter set, with its values' {
        $kind = $model.Parameters | Where-Object Name -EQ 'Kind'
        $kind.Sets.Count | Should -Be 2
        $kind.Sets[1].ParameterSets | Should -Be @('Id')
        $kind.Sets[1].Required | Should -BeTrue
        $kind.Sets[1].Position | Should -Be '1'
        $kind.Sets[0].AcceptedValues | Should -Be @('Small', 'Large')
        $path = $model.Parameters | Where-Object Name -EQ 'Path'
        $path.Sets[0].Aliases | Should -Be @('PSPath', 'P')
        $path.Sets[0].PipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $path.Sets[0].Globbing | Should -BeTrue
        $model.Parameters.Name | Should -Not -Contain 'CommonParameters'
    }

    It 'reads inputs, outputs, notes and links (.md links are topic names without a URI)' {
        $model.Inputs[0].Type | Should -Be 'System.String[]'
        $model.Outputs[0].Description | Should -Be @('A sample.')
        $model.Notes | Should -Be @('A note.')
        $model.Links[0].Text | Should -Be 'Set-Sample'
        $model.Links[0].Uri | Should -Be ''
        $model.Links[1].Uri | Should -Be 'https://example.org/web'
    }
}

Describe 'ConvertTo-MamlHelp' {
    It 'writes a helpItems document with one command:command' {
        $maml.DocumentElement.LocalName | Should -Be 'helpItems'
        $maml.DocumentElement.NamespaceURI | Should -Be 'http://msh'
        (Select-Maml '/msh:helpItems/command:command').Count | Should -Be 1
        (Select-Maml '//command:details/command:name')[0].InnerText | Should -Be 'Get-Sample'
        (Select-Maml '//command:details/command:verb')[0].InnerText | Should -Be 'Get'
        (Select-Maml '//command:details/command:noun')[0].InnerText | Should -Be 'Sample'
        (Select-Maml '//command:details/maml:description/maml:para')[0].InnerText | Should -Be 'Gets samples.'
        (Select-Maml '/msh:helpItems/command:command/maml:description/maml:para').Count | Should -Be 3
    }

    It 'writes one syntax item per parameter set, in the order of the markdown syntax, (All) in every set' {
        (Select-Maml '//command:syntax/command:syntaxItem').Count | Should -Be 2
        (Select-Maml '//command:syntaxItem[1]/command:parameter/maml:name').InnerText | Should -Be @('Path', 'Kind', 'Force', 'WhatIf')
        (Select-Maml '//command:syntaxItem[2]/command:parameter/maml:name').InnerText | Should -Be @('Id', 'Kind', 'WhatIf')
    }

    It 'writes required, position, pipelineInput, globbing and aliases of the set''s yaml block' {
        $path = Get-SyntaxParameter 1 'Path'
        $path.required | Should -Be 'true'
        $path.position | Should -Be '0'
        $path.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $path.globbing | Should -Be 'true'
        $path.aliases | Should -Be 'PSPath, P'
        (Get-SyntaxParameter 1 'Force').aliases | Should -Be 'none'
        $kindInPath = Get-SyntaxParameter 1 'Kind'
        $kindInPath.required | Should -Be 'false'
        $kindInPath.position | Should -Be 'named'
        $kindInId = Get-SyntaxParameter 2 'Kind'
        $kindInId.required | Should -Be 'true'
        $kindInId.position | Should -Be '1'
        $kindInId.SelectNodes('command:parameterValueGroup/command:parameterValue', $ns).InnerText | Should -Be @('Small', 'Large')
    }

    It 'writes the type and default value, and no value for a switch in the syntax (PlatyPS style)' {
        (Get-SyntaxParameter 1 'Path').SelectSingleNode('dev:type/maml:name', $ns).InnerText | Should -Be 'String[]'
        (Get-SyntaxParameter 1 'Path').SelectSingleNode('command:parameterValue', $ns).InnerText | Should -Be 'String[]'
        (Get-SyntaxParameter 1 'Force').SelectSingleNode('command:parameterValue', $ns) | Should -BeNullOrEmpty
        $force = Select-Maml "//command:parameters/command:parameter[maml:name='Force']"
        $force[0].SelectSingleNode('command:parameterValue', $ns).InnerText | Should -Be 'SwitchParameter'
        $force[0].SelectSingleNode('dev:defaultValue', $ns).InnerText | Should -Be 'False'
    }

    It 'lists every documented parameter once under command:parameters, with its description' {
        (Select-Maml '//command:parameters/command:parameter/maml:name').InnerText | Should -Be @('Force', 'Id', 'Kind', 'Path', 'WhatIf')
        (Select-Maml "//command:parameters/command:parameter[maml:name='Id']/maml:description/maml:para")[0].InnerText | Should -Be 'The id.'
    }

    It 'writes inputs, outputs, notes, examples (escaped code) and related links' {
        (Select-Maml '//command:inputTypes/command:inputType/dev:type/maml:name')[0].InnerText | Should -Be 'System.String[]'
        (Select-Maml '//command:returnValues/command:returnValue/dev:type/maml:name')[0].InnerText | Should -Be 'Sample.Item'
        (Select-Maml '//maml:alertSet/maml:alert/maml:para')[0].InnerText | Should -Be 'A note.'
        $example = (Select-Maml '//command:examples/command:example')[0]
        $example.SelectSingleNode('maml:title', $ns).InnerText | Should -Match '^-+ Example 1: Get a sample -+$'
        $example.SelectSingleNode('dev:code', $ns).InnerText | Should -BeLike '*Get-Sample -Path a & b <c>*'
        $example.SelectSingleNode('dev:remarks/maml:para', $ns).InnerText | Should -Be 'It gets the sample.'
        $links = Select-Maml '//maml:relatedLinks/maml:navigationLink'
        $links.Count | Should -Be 3
        $links[0].SelectSingleNode('maml:linkText', $ns).InnerText | Should -Be 'Online Version:'
        $links[1].SelectSingleNode('maml:linkText', $ns).InnerText | Should -Be 'Set-Sample'
        $links[2].SelectSingleNode('maml:uri', $ns).InnerText | Should -Be 'https://example.org/web'
    }

    It 'is valid against the MAML schema shipped with PowerShell ($PSHOME/Schemas/PSMaml)' {
        Test-Path -LiteralPath (Join-Path $PSHOME 'Schemas/PSMaml/developerCommand.xsd') | Should -BeTrue -Because 'PowerShell 7 ships the MAML schema'
        $file = Join-Path $work 'Sample.dll-Help.xml'
        $maml.Save($file)
        Test-MamlSchema -Path $file | Should -BeNullOrEmpty
    }

    It 'the schema check reports an element the schema does not allow' {
        $file = Join-Path $work 'Broken.dll-Help.xml'
        $broken = $maml.Clone()
        $extra = $broken.CreateElement('command', 'bogus', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $null = $broken.SelectSingleNode('//command:parameters', $ns).AppendChild($extra)
        $broken.Save($file)
        $messages = @(Test-MamlSchema -Path $file)
        $messages.Count | Should -BeGreaterThan 0
        $messages[0] | Should -BeLike 'Get-Sample: command/parameters/bogus: Error:*'
    }
}

Describe 'ConvertTo-AboutHelpText' {
    It 'writes TOPIC, SHORT DESCRIPTION and LONG DESCRIPTION with sub-sections, wrapped at 80 columns' {
        $words = (1..40 | ForEach-Object { "word$_" }) -join ' '
        $path = Write-Doc 'about_Sample.md' @"
# about_Sample

## SHORT DESCRIPTION
Short text.

## LONG DESCRIPTION
$words

### A sub-section
- an item that is long enough to wrap: $words

``````powershell
Get-Sample
``````

## SEE ALSO
Get-Sample
"@
        $text = ConvertTo-AboutHelpText -Path $path
        $lines = $text -split "\r?\n"
        $lines[0..1] | Should -Be @('TOPIC', '    about_Sample')
        $lines | Should -Contain 'SHORT DESCRIPTION'
        $lines | Should -Contain '    Short text.'
        $lines | Should -Contain 'LONG DESCRIPTION'
        $lines | Should -Contain '    A sub-section'
        $lines | Should -Contain '            Get-Sample'
        $lines | Should -Contain 'SEE ALSO'
        ($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
        ($lines | Where-Object { $_ -like '        - an item*' }).Count | Should -Be 1
        ($lines | Where-Object { $_ -like '          word*' }).Count | Should -BeGreaterThan 0 -Because 'list items wrap with a hanging indent'
    }

    It 'accepts PlatyPS''s own about template (# SHORT DESCRIPTION, the title repeated as ## about_X) and numbered lists' {
        $path = Write-Doc 'about_Template.md' "# about_Template`n## about_Template`n`n# SHORT DESCRIPTION`nShort.`n`n# LONG DESCRIPTION`n1. first`n2. second`n"
        $lines = (ConvertTo-AboutHelpText -Path $path) -split "\r?\n"
        $lines[0..1] | Should -Be @('TOPIC', '    about_Template')
        ($lines | Where-Object { $_ -like '*about_Template*' }).Count | Should -Be 1
        $lines | Should -Contain 'SHORT DESCRIPTION'
        $lines | Should -Contain '    1. first'
        $lines | Should -Contain '    2. second'
    }

    It 'fails when LONG DESCRIPTION is missing' {
        $path = Write-Doc 'about_Broken.md' "# about_Broken`n`n## SHORT DESCRIPTION`nShort.`n"
        { ConvertTo-AboutHelpText -Path $path } | Should -Throw "*about_Broken.md: the section '## LONG DESCRIPTION' is missing.*"
    }
}

Describe 'Malformed markdown' {
    It 'names a missing section' {
        Get-ParseError ($sample -replace '(?s)## NOTES.*?## RELATED', '## RELATED') | Should -BeLike "Get-Sample.md: the section '## NOTES' is missing."
    }

    It 'names the parameter and line of a yaml value it cannot read' {
        $message = Get-ParseError ($sample -replace 'Position: 0', 'Position: first')
        $message | Should -BeLike "Get-Sample.md:*: -Path: 'Position: first' is not Named or a number."
    }

    It 'names a yaml line that is not Key: value' {
        Get-ParseError ($sample -replace 'Default value: Small', 'Default value Small') | Should -BeLike "Get-Sample.md:*: the yaml block of -Kind has a line that is not 'Key: value'*"
    }

    It 'names a missing yaml key' {
        Get-ParseError ($sample -replace 'Type: Int32\r?\n', '') | Should -BeLike "Get-Sample.md:*: the yaml block of -Id has no 'Type:' value."
    }

    It 'names a parameter without a yaml block' {
        Get-ParseError ($sample -replace '(?s)(### -Force\r?\nForces it\.\r?\n).*?```\r?\n(\r?\n### -Id)', '$1$2') | Should -BeLike 'Get-Sample.md:*: -Force has no ```yaml block.'
    }

    It 'names an unclosed code block' {
        Get-ParseError ($sample -replace '(?s)```output.*$', '```output') | Should -BeLike 'Get-Sample.md:*: the code block that starts here is not closed*'
    }

    It 'fails for an example without code' {
        Get-ParseError ($sample -replace '(?s)```powershell.*?```output.*?```', '') | Should -BeLike "Get-Sample.md:*: the example 'Example 1: Get a sample' has no code block."
    }

    It 'New-ModuleHelp fails when the title does not match the file name' {
        $folder = Join-Path $work 'docs-mismatch'
        $null = New-Item -ItemType Directory -Path $folder
        [System.IO.File]::WriteAllText((Join-Path $folder 'Get-Other.md'), $sample)
        { New-ModuleHelp -DocsPath $folder -OutputPath (Join-Path $folder 'out') } | Should -Throw "*Get-Other.md: the title '# Get-Sample' does not match the file name.*"
    }
}

Describe 'New-ModuleHelp' {
    It 'writes the MAML of the Verb-Noun files and the about topics; other markdown is not cmdlet help' {
        $folder = Join-Path $work 'docs-module'
        $null = New-Item -ItemType Directory -Path $folder
        [System.IO.File]::WriteAllText((Join-Path $folder 'Get-Sample.md'), $sample)
        [System.IO.File]::WriteAllText((Join-Path $folder 'path-safety.md'), "# Path safety`n`nA guide.`n")
        [System.IO.File]::WriteAllText((Join-Path $folder 'about_Sample.md'), "# about_Sample`n`n## SHORT DESCRIPTION`nShort.`n`n## LONG DESCRIPTION`nLong.`n")
        $out = Join-Path $folder 'en-US'
        $files = @(New-ModuleHelp -DocsPath $folder -OutputPath $out -HelpFileName 'Sample.dll-Help.xml')
        $files.Name | Should -Be @('Sample.dll-Help.xml', 'about_Sample.help.txt')
        ([xml] (Get-Content -LiteralPath (Join-Path $out 'Sample.dll-Help.xml') -Raw)).helpItems.command.details.name | Should -Be 'Get-Sample'
    }
}
