# Get-Help of the BUILT module: every exported cmdlet has written help (docs/<Cmdlet>.md turned into
# en-US/JsTorrent.PowerShell.dll-Help.xml by build.ps1 Docs) that matches the cmdlet's parameters, and
# PowerShell reads the generated file. A cmdlet without docs/<Cmdlet>.md fails here.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath)
    $cmdlets = @(Get-Command -Module JsTorrent -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath)
    $script:docs = Join-Path $PSScriptRoot '../../docs'
    $script:helpFile = Join-Path (Split-Path -Parent (Get-TestModulePath)) 'en-US/JsTorrent.PowerShell.dll-Help.xml'
    # WhatIf and Confirm are documented like the cmdlet's own parameters (PlatyPS does); the rest are not.
    $script:undocumented = @([System.Management.Automation.Cmdlet]::CommonParameters) + 'UseTransaction'

    function Get-HelpTypeName([type] $Type) {
        <# The type name PlatyPS writes: the short name, a nullable value type as its underlying type. #>
        $underlying = [Nullable]::GetUnderlyingType($Type)
        if ($underlying) { $underlying.Name } else { $Type.Name }
    }

    function Get-PipelineInput([System.Management.Automation.ParameterMetadata] $Parameter, [string] $Set) {
        <# 'ByPropertyName, ByValue' style (sorted) of a parameter in a set, or 'False'. #>
        $attribute = $Parameter.ParameterSets[$Set]
        $kinds = @(if ($attribute.ValueFromPipeline) { 'ByValue' }; if ($attribute.ValueFromPipelineByPropertyName) { 'ByPropertyName' }) | Sort-Object
        if ($kinds.Count -eq 0) { 'False' } else { $kinds -join ', ' }
    }

    function ConvertFrom-HelpPipelineInput([string] $Text) {
        if ($Text -match '^(?i)\s*true\s*\((.*)\)\s*$') { (@($Matches[1] -split '\s*,\s*' | Sort-Object) -join ', ') } else { 'False' }
    }

    function Get-SetParameterName([System.Management.Automation.CommandInfo] $Command, [string] $Set) {
        @($Command.Parameters.Values | Where-Object { $_.ParameterSets.ContainsKey($Set) -or $_.ParameterSets.ContainsKey('__AllParameterSets') } |
                Where-Object { $_.Name -notin $undocumented } | ForEach-Object Name | Sort-Object)
    }
}

Describe 'The generated help file' {
    It 'ships in the module as en-US/JsTorrent.PowerShell.dll-Help.xml and is valid MAML' {
        Import-Module (Join-Path $PSScriptRoot '../../tools/MarkdownHelp.psm1') -Force
        Test-Path -LiteralPath $helpFile | Should -BeTrue
        Test-MamlSchema -Path $helpFile | Should -BeNullOrEmpty
    }

    It 'ships about_JsTorrent.help.txt, which Get-Help finds' {
        $about = Get-Help about_JsTorrent
        ($about | Out-String) | Should -Match 'TOPIC\s+about_JsTorrent'
        ($about | Out-String) | Should -Match 'LONG DESCRIPTION'
    }

    It 'is what Get-Help shows: example code and parameter descriptions of Get-TorrentEngine' {
        $model = ConvertFrom-HelpMarkdown -Path (Join-Path $docs 'Get-TorrentEngine.md')
        # Whitespace collapsed: Get-Help wraps and indents paragraphs its own way.
        $flat = { param([string] $Text) ($Text -replace '\s+', ' ').Trim() }
        $full = & $flat (Get-Help Get-TorrentEngine -Full | Out-String -Width 250)
        # Contains, not -BeLike: backticks in the help text are wildcard escapes.
        $full.Contains((& $flat $model.Examples[0].Code)) | Should -BeTrue -Because 'the example code is shown'
        $full.Contains((& $flat $model.Parameters[0].Description[0])) | Should -BeTrue -Because 'the parameter description is shown'
        $full.Contains((& $flat $model.Description[0])) | Should -BeTrue -Because 'the description is shown'
        $full.Contains((& $flat $model.Synopsis)) | Should -BeTrue -Because 'the synopsis is shown'
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:command = Get-Command -Name $Name -Module JsTorrent
        $script:help = Get-Help -Name $Name -Full
        $script:parameters = @($command.Parameters.Values | Where-Object { $_.Name -notin $undocumented })
        $script:helpParameters = @(if ($help.PSObject.Properties['parameters'] -and $help.parameters) { $help.parameters.parameter })
    }

    It 'has docs/<Name>.md' {
        Test-Path -LiteralPath (Join-Path $docs "$Name.md") | Should -BeTrue -Because 'every exported cmdlet has its help markdown'
    }

    It 'has a written synopsis, not the one PowerShell generates from the syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *" -Because 'without help Get-Help shows the syntax as synopsis'
        $help.Synopsis.Trim() | Should -Not -Be $Name
    }

    It 'has a description' {
        ($help.PSObject.Properties['description'] -and ($help.description.Text -join '').Trim()) | Should -BeTrue
    }

    It 'has at least one example' {
        # @($null).Count is 1: count only real examples (generated help has none).
        $examples = @(if ($help.PSObject.Properties['examples'] -and $help.examples) { $help.examples.example | Where-Object { $_ -and $_.code } })
        $examples.Count | Should -BeGreaterOrEqual 1
    }

    It 'documents every parameter (WhatIf/Confirm too) with its type and a description' {
        foreach ($parameter in $parameters) {
            $documented = @($helpParameters | Where-Object name -EQ $parameter.Name)
            $documented.Count | Should -Be 1 -Because "-$($parameter.Name) must be documented once"
            $documented[0].type.name | Should -Be (Get-HelpTypeName $parameter.ParameterType) -Because "the type of -$($parameter.Name)"
            ($documented[0].description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
        }
    }

    It 'documents no parameter the cmdlet lacks' {
        $extra = @($helpParameters | Where-Object { -not $command.Parameters.ContainsKey($_.name) } | ForEach-Object name)
        $extra | Should -BeNullOrEmpty
        $syntaxExtra = @($help.syntax.syntaxItem | ForEach-Object { if ($_.PSObject.Properties['parameter']) { $_.parameter } } |
                Where-Object { -not $command.Parameters.ContainsKey($_.name) } | ForEach-Object name)
        $syntaxExtra | Should -BeNullOrEmpty
    }

    It 'has one syntax item per parameter set with the right required flag, position and pipeline input' {
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be $command.ParameterSets.Count -Because 'one syntax item per parameter set'
        foreach ($set in $command.ParameterSets) {
            $expected = Get-SetParameterName $command $set.Name
            $item = @($items | Where-Object {
                    $names = @(if ($_.PSObject.Properties['parameter']) { $_.parameter | ForEach-Object name } ) | Sort-Object
                    ($names -join ',') -eq ($expected -join ',')
                })
            $item.Count | Should -Be 1 -Because "the parameter set '$($set.Name)' ($($expected -join ', ')) needs its syntax item"
            foreach ($parameterName in $expected) {
                $metadata = $command.Parameters[$parameterName]
                $setName = if ($metadata.ParameterSets.ContainsKey($set.Name)) { $set.Name } else { '__AllParameterSets' }
                $attribute = $metadata.ParameterSets[$setName]
                $documented = $item[0].parameter | Where-Object name -EQ $parameterName
                $because = "-$parameterName in the parameter set '$($set.Name)'"
                $documented.required | Should -Be ([string] $attribute.IsMandatory).ToLowerInvariant() -Because "$because (required)"
                $position = if ($attribute.Position -lt 0) { 'named' } else { [string] $attribute.Position }
                $documented.position | Should -Be $position -Because "$because (position)"
                ConvertFrom-HelpPipelineInput $documented.pipelineInput | Should -Be (Get-PipelineInput $metadata $setName) -Because "$because (pipeline input)"
            }
        }
    }
}
