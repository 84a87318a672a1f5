# Markdown help, part 2: writing MAML from the command model, and checking it against the schemas pwsh ships
# (dot-sourced by ../MarkdownHelp.psm1).

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
