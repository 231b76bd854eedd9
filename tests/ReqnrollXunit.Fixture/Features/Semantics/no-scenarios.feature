# language: en
Feature: No scenarios
  A feature with a description and nothing else.
