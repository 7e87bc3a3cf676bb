"""Given names common in the UK, across the generations of pupils, parents and tutors.

Why: two capitalised words on a card ("Moonlight Sonata", "Treasure Island") are not a name;
"Mia Jones" is. A first name from this list is what tells them apart when nothing else on the
card (a title, "Name:", an address below) does. Drawn from the most common names registered in
England, Wales and Scotland from the 1950s to the 2020s; a name missing here is still found
when it heads an address or follows a title.
"""

from __future__ import annotations

_GIVEN_NAMES = """
Aaliyah Aaron Abdul Abdullah Abigail Ada Adam Adrian Ahmed Aidan Aimee Aisha Alan Albert Alex
Alexander Alexandra Alexis Alfie Alfred Ali Alice Alicia Alison Alistair Amanda Amber Amelia
Amelie Amir Amy Ana Andrea Andrew Angela Anna Anne Annie Anthony Antonia Archie Arlo Arthur Aria
Ariana Ashley Aurora Austin Ava Avery Ayaan Barbara Barry Beatrice Bella Ben Benjamin Bernard
Beth Bethany Betty Bill Billy Blake Bobby Bonnie Brandon Brenda Brian Bronte Bruce Caitlin
Callum Calvin Cameron Carl Carly Carol Caroline Carter Cassie Catherine Charles Charlie
Charlotte Chelsea Chloe Chris Christian Christine Christopher Claire Clara Colin Connor Conor
Craig Daisy Dale Damian Daniel Danielle Danny Darren David Dawn Dean Deborah Declan Denise
Dennis Derek Diana Dominic Donna Dorothy Dylan Eddie Edith Edward Eileen Elaine Eleanor Elena
Eli Elijah Eliza Elizabeth Ella Ellie Elliot Elliott Eloise Elsie Emilia Emily Emma Eric Erin
Esme Ethan Eva Eve Evelyn Evie Ezra Faith Fatima Felix Finlay Finley Finn Fiona Florence Frances
Francesca Frank Frankie Fraser Freddie Frederick Freya Gabriel Gareth Gary Gemma Geoffrey George
Georgia Georgina Gordon Grace Graham Gracie Greg Gregory Hallie Hamza Hannah Harley Harper
Harriet Harris Harrison Harry Harvey Hayley Hazel Heather Heidi Helen Henry Holly Hugo Hunter
Ian Ibrahim Imogen Isaac Isabel Isabella Isabelle Isla Ivy Jack Jackson Jacob Jacqueline Jade
Jake James Jamie Jan Jane Janet Jasmine Jason Jay Jayden Jean Jenna Jennifer Jenny Jeremy
Jessica Jill Joan Joanna Joanne Joe Joel Joseph Josh Joshua Joyce Jude Judith Julia Julian Julie
Justin Kai Karen Karl Kate Katherine Kathleen Katie Kayla Keith Kelly Kenneth Kerry Kevin Kian
Kieran Kim Kirsty Kyle Lacey Laila Lara Laura Lauren Layla Leah Lee Leo Leon Leonardo Lewis Lexi
Liam Lily Lilly Linda Lindsay Lisa Logan Lola Louie Louis Louise Luca Lucas Lucy Luke Lydia Lyla
Mabel Maddison Madison Maisie Malcolm Margaret Maria Marie Mark Martha Martin Mary Maryam Mason
Matilda Matthew Max Maya Megan Melissa Mia Michael Michelle Mila Millie Mohammed Mohammad Molly
Muhammad Naomi Natalie Nathan Neil Nicholas Nicola Nina Noah Olive Oliver Olivia Ollie Oscar
Owen Paige Pamela Patricia Patrick Paul Paula Pauline Penelope Peter Philip Phoebe Piper Poppy
Rachel Raymond Rebecca Reggie Reuben Rhys Richard Riley Robert Robin Robyn Roger Ronald Ronnie
Rory Rosa Rose Rosie Ross Rowan Ruby Ruth Ryan Sadie Sally Sam Samantha Samuel Sandra Sara Sarah
Scarlett Scott Sean Sebastian Seren Shannon Sharon Shaun Sheila Sienna Simon Skye Sofia Sophia
Sophie Stacey Stanley Stella Stephanie Stephen Steven Stuart Summer Susan Suzanne Sylvia Tanya
Teddy Terence Thea Theo Theodore Thomas Tilly Timothy Toby Tom Tommy Tony Tracey Tracy Trevor
Tyler Valerie Vanessa Victoria Vincent Violet Wendy William Willow Yasmin Yusuf Zac Zach Zachary
Zara Zoe Abbie Adele Agnes Alfreda Alma Amanda Andy Angus Anita Annette Arnold Audrey Barrie
Beryl Beverley Brett Bridget Carole Cheryl Christina Clifford Clive Colleen Connie Dave Dean
Debbie Della Diane Dominique Doreen Doris Douglas Duncan Edwin Eleanor Elsa Emmanuel Ernest
Eunice Fay Fergus Frederic Gail Gavin Gaynor Geraldine Gerald Gillian Glen Glenn Glenys Gwen
Harold Hilary Howard Hugh Irene Iris Jack Jacquelyn Jake Janice Janine Jayne Jeffrey Jemma
Jenifer Joanne Jodie Jonathan Josephine June Kathryn Kayleigh Kenneth Kerry Kirsty Lesley Leslie
Lindsey Lorraine Lynda Lynn Lynne Malcolm Mandy Marc Marcus Marian Marilyn Marion Marjorie
Maureen Mervyn Michele Mohamed Nigel Norma Norman Olga Pat Peggy Phillip Rachael Rhiannon Rita
Rodney Ronald Rosemary Roy Russell Shane Shirley Sian Stanley Terry Tina Tracy Wayne Yvonne
Lucie Gerard Hollie Dylan Kimberley Jordan Bradley Lewis Mathew Garry Gary Graeme Guy Iain Jill
Jim Jimmy Joel Kerry Lorna Maxine Mohamed Nathan Nicole Pauline Reece Ricky Rosie Sheila Sharon
Stewart Teresa Toni Vera Vicky Vivienne Wendy Zoe Leigh Abdul Ashleigh Aimee Bethan Carly Ellen
Hazel
"""
GIVEN_NAMES = frozenset(_GIVEN_NAMES.split())
