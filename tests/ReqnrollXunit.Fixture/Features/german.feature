Funktionalität: Deutsch
  Ohne "# language:"-Zeile gilt die Sprache aus reqnroll.json (language.feature = de-DE).

  Szenario: Ein Zähler
    Angenommen a counter starting at 1
    Dann the counter is 1
